// Browser implementations of the small platform services: clock, randomness,
// timers, localStorage and page-level calls.
#include <emscripten.h>
#include <emscripten/eventloop.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "client/platform/platform.h"
#include "client/platform/web_random.h"

namespace parta::platform {
namespace {

EM_JS(double, js_now_ms, (), { return Date.now(); });
EM_JS(double, js_perf_now, (), { return performance.now(); });
EM_JS(void, js_random_fill, (unsigned char* out, int n), {
  crypto.getRandomValues(HEAPU8.subarray(out, out + n));
});

// localStorage may throw (disabled cookies, private mode quotas): treat as absent.
EM_JS(char*, js_storage_get, (const char* key, int key_len), {
  try {
    var v = localStorage.getItem(UTF8ToString(key, key_len));
    if (v === null) return 0;
    var n = lengthBytesUTF8(v) + 1, p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
  } catch (e) { return 0; }
});
EM_JS(void, js_storage_set, (const char* key, int key_len, const char* value, int value_len), {
  try { localStorage.setItem(UTF8ToString(key, key_len), UTF8ToString(value, value_len)); } catch (e) {}
});
EM_JS(void, js_storage_remove, (const char* key, int key_len), {
  try { localStorage.removeItem(UTF8ToString(key, key_len)); } catch (e) {}
});
EM_JS(void, js_open_url, (const char* url, int len), {
  window.open(UTF8ToString(url, len), '_blank', 'noopener,noreferrer');
});
EM_JS(void, js_set_lang, (const char* lang, int len), {
  document.documentElement.lang = UTF8ToString(lang, len);
});

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

std::int64_t now_ms() { return static_cast<std::int64_t>(js_now_ms()); }
double monotonic_ms() { return js_perf_now(); }

void random_bytes(unsigned char* out, std::size_t n) {
  // getRandomValues refuses more than 64 KiB at once.
  while (n > 0) {
    const std::size_t chunk = n < 65536 ? n : 65536;
    js_random_fill(out, static_cast<int>(chunk));
    out += chunk;
    n -= chunk;
  }
}

double random_unit() {
  unsigned char b[4];
  random_bytes(b, sizeof b);
  const std::uint32_t v = (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8) | b[3];
  return v / 4294967296.0;
}

std::string random_id() {
  unsigned char b[16];
  random_bytes(b, sizeof b);
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[2 * i] = kHex[b[i] >> 4];
    out[2 * i + 1] = kHex[b[i] & 15];
  }
  return out;
}

std::string storage_get(std::string_view key) {
  char* v = js_storage_get(key.data(), static_cast<int>(key.size()));
  if (v == nullptr) return {};
  std::string out(v);
  std::free(v);
  return out;
}

void storage_set(std::string_view key, std::string_view value) {
  js_storage_set(key.data(), static_cast<int>(key.size()), value.data(), static_cast<int>(value.size()));
}

void storage_remove(std::string_view key) { js_storage_remove(key.data(), static_cast<int>(key.size())); }

long timer_start(double ms, void (*fn)(void*), void* ctx) { return emscripten_set_timeout(fn, ms < 0 ? 0 : ms, ctx); }

void timer_cancel(long id) {
  if (id != 0) emscripten_clear_timeout(id);
}

void open_url(std::string_view url) { js_open_url(url.data(), static_cast<int>(url.size())); }

void set_document_language(std::string_view lang) { js_set_lang(lang.data(), static_cast<int>(lang.size())); }

}  // namespace parta::platform
