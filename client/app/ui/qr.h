// A small QR code encoder for invite links: byte mode, error correction level M,
// versions 1-10 (up to 213 bytes). Pure C++ (no ImGui, no I/O), tested natively.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace parta::ui {

struct QrCode {
  int version = 0;                    // 1..10; 0 when the data did not fit
  int size = 0;                       // modules per side: 17 + 4 * version
  int mask = -1;                      // the mask pattern chosen (0..7)
  std::vector<std::uint8_t> modules;  // size * size, row-major; 1 = dark

  bool ok() const { return version > 0; }
  bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y) * size + x] != 0; }
};

inline constexpr int kQrMaxVersion = 10;

// The smallest symbol (version 1..10, level M) that holds `data`, with the mask
// of the lowest penalty (or `force_mask` 0..7). Returns a QrCode with version 0
// when data is too long.
QrCode qr_encode(std::string_view data, int force_mask = -1);

// Building blocks, exposed for the tests.
namespace qr {
// Bytes of data a version holds at level M in byte mode.
int byte_capacity(int version);
// Reed-Solomon error-correction codewords over GF(256), polynomial 0x11D.
std::vector<std::uint8_t> reed_solomon(const std::vector<std::uint8_t>& data, int ec_len);
std::uint8_t gf_mul(std::uint8_t a, std::uint8_t b);
// The 15 format bits (level M, mask) and the 18 version bits (versions >= 7), BCH-coded.
std::uint32_t format_bits(int mask);
std::uint32_t version_bits(int version);
// All codewords of `data` for `version`: data then EC, interleaved by block.
std::vector<std::uint8_t> codewords(std::string_view data, int version);
}  // namespace qr

}  // namespace parta::ui
