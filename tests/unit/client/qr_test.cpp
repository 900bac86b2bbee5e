// QR encoder: Reed-Solomon, BCH-coded format/version bits, capacity, and the
// structure of whole symbols (finders, timing, format copies agree).
#include "client/app/ui/qr.h"

#include <doctest/doctest.h>

#include <string>

using namespace parta::ui;

namespace {

// Evaluates a codeword polynomial (highest coefficient first) at x.
std::uint8_t eval(const std::vector<std::uint8_t>& poly, std::uint8_t x) {
  std::uint8_t y = 0;
  for (const std::uint8_t c : poly) y = static_cast<std::uint8_t>(qr::gf_mul(y, x) ^ c);
  return y;
}

bool finder_at(const QrCode& q, int x0, int y0) {
  for (int dy = 0; dy < 7; ++dy) {
    for (int dx = 0; dx < 7; ++dx) {
      const int ring = std::max(std::abs(dx - 3), std::abs(dy - 3));
      if (q.dark(x0 + dx, y0 + dy) != (ring != 2)) return false;
    }
  }
  return true;
}

// Reads the format bits back from both copies (the layout qr.cpp writes).
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

TEST_CASE("[qr] Reed-Solomon: the known 1-M example and the roots of every codeword") {
  // "HELLO WORLD" as 1-M data codewords and their published EC codewords.
  const std::vector<std::uint8_t> data = {32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17};
  const std::vector<std::uint8_t> ec = {196, 35, 39, 119, 235, 215, 231, 226, 93, 23};
  CHECK(qr::reed_solomon(data, 10) == ec);
  for (int n : {10, 16, 26}) {
    std::vector<std::uint8_t> word(data);
    const auto rem = qr::reed_solomon(data, n);
    word.insert(word.end(), rem.begin(), rem.end());
    std::uint8_t root = 1;
    for (int i = 0; i < n; ++i, root = qr::gf_mul(root, 2)) CHECK(eval(word, root) == 0);
  }
}

TEST_CASE("[qr] format and version bits match the standard's tables") {
  CHECK(qr::format_bits(0) == 0b101010000010010);
  CHECK(qr::format_bits(5) == 0b100000011001110);
  CHECK(qr::version_bits(7) == 0x07C94);
  CHECK(qr::version_bits(10) == 0x0A4D3);
}

TEST_CASE("[qr] the smallest version that fits is chosen; too long fails") {
  const int capacity[] = {0, 14, 26, 42, 62, 84, 106, 122, 152, 180, 213};
  for (int v = 1; v <= kQrMaxVersion; ++v) {
    CAPTURE(v);
    CHECK(qr::byte_capacity(v) == capacity[v]);
    CHECK(qr_encode(std::string(static_cast<std::size_t>(capacity[v]), 'x')).version == v);
    if (v < kQrMaxVersion)
      CHECK(qr_encode(std::string(static_cast<std::size_t>(capacity[v]) + 1, 'x')).version == v + 1);
  }
  CHECK_FALSE(qr_encode(std::string(214, 'x')).ok());
  CHECK(qr::codewords("a", 1).size() == 26);
  CHECK(qr::codewords(std::string(200, 'a'), 10).size() == 346);
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
  CHECK(a == qr::format_bits(q.mask));
}
