// libsodium wrappers: argon2id password hashes, random tokens, token digests.
#include "server/auth/password.h"

#include <sodium.h>

#include <cstdio>

namespace parta::server {

bool init_crypto() { return sodium_init() >= 0; }

std::optional<std::string> hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return std::nullopt;
  }
  return std::string(out);
}

bool verify_password(const std::string& stored_hash, std::string_view password) {
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string new_session_token() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  sodium_memzero(raw, sizeof raw);
  return std::string(hex, sizeof raw * 2);
}

bool is_token_shaped(std::string_view token) {
  if (token.size() != 64) return false;
  for (char c : token) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string hash_session_token(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

std::string new_one_time_code() {
  char digits[8];
  std::snprintf(digits, sizeof digits, "%06u", static_cast<unsigned>(randombytes_uniform(1'000'000)));
  return std::string(digits, 6);
}

std::string hash_one_time_code(std::string_view scope, std::string_view code) {
  const std::string input = std::string(scope) + ":" + std::string(code);
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                     nullptr, 0);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

bool one_time_code_matches(const std::string& stored_hash, std::string_view scope, std::string_view code) {
  const std::string typed = hash_one_time_code(scope, code);
  return stored_hash.size() == typed.size() && sodium_memcmp(stored_hash.data(), typed.data(), typed.size()) == 0;
}

}  // namespace parta::server
