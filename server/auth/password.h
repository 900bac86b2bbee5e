// Password hashing (argon2id via libsodium) and session tokens.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parta::server {

// Must run once before anything else here (sodium_init). False if libsodium fails.
bool init_crypto();

// argon2id, interactive limits (~0.1 s, 64 MiB). Empty on failure (out of memory).
std::optional<std::string> hash_password(std::string_view password);
// Constant-time check of a password against a stored hash.
bool verify_password(const std::string& stored_hash, std::string_view password);

// A new session token: 32 random bytes as 64 lowercase hex characters.
std::string new_session_token();
// True for exactly 64 lowercase hex characters, the shape new_session_token() makes.
bool is_token_shaped(std::string_view token);
// What the database keeps instead of the token: BLAKE2b-256 of it, as 32 raw bytes.
std::string hash_session_token(std::string_view token);

// `bytes` random bytes as lowercase hex (upload ids, registration ids).
std::string random_hex(std::size_t bytes);
// A one-time code: 6 random decimal digits, uniformly distributed.
std::string new_one_time_code();
// What the database keeps of a one-time code: BLAKE2b-256 of the scope (the row
// it belongs to) and the code, as 32 raw bytes.
std::string hash_one_time_code(std::string_view scope, std::string_view code);
// Constant-time comparison of a stored code hash with a code typed in.
bool one_time_code_matches(const std::string& stored_hash, std::string_view scope, std::string_view code);

}  // namespace parta::server
