// QR encoding through Nayuki's qrcodegen; see qr.h.
//
// The library reports data that does not fit by throwing, and the WASM build
// has no exception catching, so the length is checked here first: byte mode at
// level M, kQrMaxBytes always fits version kQrMaxVersion, and the library never
// throws for the arguments below.
#include "client/app/ui/qr.h"

#include <qrcodegen.hpp>

namespace parta::ui {

QrCode qr_encode(std::string_view data, int force_mask) {
  QrCode out;
  if (data.size() > kQrMaxBytes || force_mask < -1 || force_mask > 7) return out;
  const std::vector<std::uint8_t> bytes(data.begin(), data.end());
  const std::vector<qrcodegen::QrSegment> segments = {qrcodegen::QrSegment::makeBytes(bytes)};
  // Level M exactly (no boost): the symbol stays the one the links view was sized for.
  const qrcodegen::QrCode code = qrcodegen::QrCode::encodeSegments(
      segments, qrcodegen::QrCode::Ecc::MEDIUM, qrcodegen::QrCode::MIN_VERSION, kQrMaxVersion, force_mask, false);
  out.version = code.getVersion();
  out.size = code.getSize();
  out.mask = code.getMask();
  out.modules.resize(static_cast<std::size_t>(out.size) * out.size);
  for (int y = 0; y < out.size; ++y)
    for (int x = 0; x < out.size; ++x)
      out.modules[static_cast<std::size_t>(y) * out.size + x] = code.getModule(x, y) ? 1 : 0;
  return out;
}

}  // namespace parta::ui
