// QR codes for invite links: a thin wrapper over Nayuki's qrcodegen (byte mode,
// error correction level M, versions 1-10, up to 213 bytes). No ImGui, no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace parta::ui {

struct QrCode {
  int version = 0;                    // 1..10; 0 when the data did not fit
  int size = 0;                       // modules per side: 17 + 4 * version
  std::vector<std::uint8_t> modules;  // size * size, row-major; 1 = dark

  bool ok() const { return version > 0; }
  bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y) * size + x] != 0; }
};

// Version 10 (57 modules) is the largest the links view draws legibly in 260 px.
inline constexpr int kQrMaxVersion = 10;

// The smallest symbol (version 1..10, level M) that holds `data` as bytes (UTF-8
// text as is), with the mask of the lowest penalty (or `force_mask` 0..7).
// Returns a QrCode with version 0 when data is too long (over 213 bytes).
QrCode qr_encode(std::string_view data, int force_mask = -1);

}  // namespace parta::ui
