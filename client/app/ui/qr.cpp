// QR encoding through Nayuki's qrcodegen, its C library; see qr.h.
//
// Why the C library and not its C++ sibling: the C++ one reports data that does
// not fit by throwing (the WASM build cannot catch) and formats that message with
// an ostringstream, which pulls iostreams into the WASM bundle. The C one returns
// false, works in caller-provided buffers and needs nothing from the runtime.
#include "client/app/ui/qr.h"

#include <qrcodegen.h>

#include <algorithm>

namespace parta::ui {

QrCode qr_encode(std::string_view data, int force_mask) {
  QrCode out;
  if (force_mask < -1 || force_mask > 7) return out;
  constexpr std::size_t kBuffer = qrcodegen_BUFFER_LEN_FOR_VERSION(kQrMaxVersion);
  // The data goes in the temporary buffer, which the library then reuses.
  std::vector<std::uint8_t> temp(std::max(kBuffer, data.size()));
  std::copy(data.begin(), data.end(), temp.begin());
  std::vector<std::uint8_t> code(kBuffer);
  // Level M exactly (no boost): the symbol stays the one the links view was sized for.
  if (!qrcodegen_encodeBinary(temp.data(), data.size(), code.data(), qrcodegen_Ecc_MEDIUM, qrcodegen_VERSION_MIN,
                              kQrMaxVersion, static_cast<qrcodegen_Mask>(force_mask), false))
    return out;
  out.size = qrcodegen_getSize(code.data());
  out.version = (out.size - 17) / 4;
  out.modules.resize(static_cast<std::size_t>(out.size) * out.size);
  for (int y = 0; y < out.size; ++y)
    for (int x = 0; x < out.size; ++x)
      out.modules[static_cast<std::size_t>(y) * out.size + x] = qrcodegen_getModule(code.data(), x, y) ? 1 : 0;
  return out;
}

}  // namespace parta::ui
