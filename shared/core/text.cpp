// Search folding; see text.h.
#include "shared/core/text.h"

#include <cstdint>

namespace parta {

namespace {

char32_t fold(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 0x20;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;  // À..Þ except ×
  if (c == 0x401 || c == 0x451) return 0x435;                // Ё, ё -> е
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;             // А..Я
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;             // Ѐ..Џ
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace

std::string fold_for_search(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b = s[i];
    std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len > 0 && i + len <= n;
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; ok && k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) ok = false;
      c = (c << 6) | (s[i + k] & 0x3F);
    }
    if (!ok) {  // not UTF-8: keep the byte as it is
      out.push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    append_utf8(out, fold(c));
    i += len;
  }
  return out;
}

bool matches_search(std::string_view haystack, std::string_view needle) {
  std::size_t b = 0, e = needle.size();
  while (b < e && (needle[b] == ' ' || needle[b] == '\t')) ++b;
  while (e > b && (needle[e - 1] == ' ' || needle[e - 1] == '\t')) --e;
  if (b == e) return true;
  return fold_for_search(haystack).find(fold_for_search(needle.substr(b, e - b))) != std::string::npos;
}

}  // namespace parta
