// QR wrapper over qrcodegen: capacity per version, the limit, and the structure
// of whole symbols (finders, timing, format copies agree on level M and the mask).
// qr_decode_test.cpp (native only) reads the symbols back with a real decoder.
#include "client/app/ui/qr.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>

using namespace parta::ui;

namespace {

bool finder_at(const QrCode& q, int x0, int y0) {
  for (int dy = 0; dy < 7; ++dy) {
    for (int dx = 0; dx < 7; ++dx) {
      const int ring = std::max(std::abs(dx - 3), std::abs(dy - 3));
      if (q.dark(x0 + dx, y0 + dy) != (ring != 2)) return false;
    }
  }
  return true;
}

// Reads the format bits back from both copies (the standard's layout).
std::pair<std::uint32_t, std::uint32_t> read_format(const QrCode& q) {
  std::uint32_t a = 0, b = 0;
  auto put = [](std::uint32_t& v, int i, bool d) { v |= static_cast<std::uint32_t>(d) << i; };
  for (int i = 0; i <= 5; ++i) put(a, i, q.dark(8, i));
  put(a, 6, q.dark(8, 7));
  put(a, 7, q.dark(8, 8));
  put(a, 8, q.dark(7, 8));
  for (int i = 9; i < 15; ++i) put(a, i, q.dark(14 - i, 8));
  for (int i = 0; i < 8; ++i) put(b, i, q.dark(q.size - 1 - i, 8));
  for (int i = 8; i < 15; ++i) put(b, i, q.dark(8, q.size - 15 + i));
  return {a, b};
}

}  // namespace

TEST_CASE("[qr] the smallest version that fits is chosen; too long fails") {
  // Byte-mode capacities at level M (ISO/IEC 18004, table 7).
  const int capacity[] = {0, 14, 26, 42, 62, 84, 106, 122, 152, 180, 213};
  for (int v = 1; v <= kQrMaxVersion; ++v) {
    CAPTURE(v);
    CHECK(qr_encode(std::string(static_cast<std::size_t>(capacity[v]), 'x')).version == v);
    if (v < kQrMaxVersion)
      CHECK(qr_encode(std::string(static_cast<std::size_t>(capacity[v]) + 1, 'x')).version == v + 1);
  }
  CHECK_FALSE(qr_encode(std::string(214, 'x')).ok());
  CHECK(qr_encode("").version == 1);
}

TEST_CASE("[qr] UTF-8 text counts in bytes") {
  std::string cyrillic;
  for (int i = 0; i < 106; ++i) cyrillic += "\u0416";  // two bytes each
  CHECK(qr_encode(cyrillic).version == kQrMaxVersion);
  CHECK_FALSE(qr_encode(cyrillic + "\u0416").ok());
}

TEST_CASE("[qr] a link's symbol: finders, timing, dark module, both format copies") {
  const std::string url = "https://school.example/#/join/" + std::string(64, 'f');
  const QrCode q = qr_encode(url);
  REQUIRE(q.ok());
  CHECK(q.size == 17 + 4 * q.version);
  CHECK(q.modules.size() == static_cast<std::size_t>(q.size * q.size));
  CHECK(finder_at(q, 0, 0));
  CHECK(finder_at(q, q.size - 7, 0));
  CHECK(finder_at(q, 0, q.size - 7));
  for (int i = 8; i < q.size - 8; ++i) {
    CHECK(q.dark(i, 6) == (i % 2 == 0));
    CHECK(q.dark(6, i) == (i % 2 == 0));
  }
  CHECK(q.dark(8, q.size - 8));
  const auto [a, b] = read_format(q);
  CHECK(a == b);
  // Unmasked, the top five bits are the level (M = 00) and a mask pattern.
  CHECK(((a ^ 0x5412u) >> 10) < 8);
}

TEST_CASE("[qr] a forced mask is kept; an invalid one fails") {
  for (int mask = 0; mask < 8; ++mask) {
    const QrCode q = qr_encode("https://school.example/#/join/abc", mask);
    REQUIRE(q.ok());
    CHECK(((read_format(q).first ^ 0x5412u) >> 10) == static_cast<std::uint32_t>(mask));
  }
  CHECK_FALSE(qr_encode("x", 8).ok());
  CHECK_FALSE(qr_encode("x", -2).ok());
}
