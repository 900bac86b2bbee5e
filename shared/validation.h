// Limits and validation of everything people type or send. Used by the server to
// refuse bad input with a typed error and by the client to show it before sending.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace parta {

inline constexpr std::size_t kMaxFrameBytes = 64 * 1024;     // one client->server WebSocket message
// Server frames can carry a page of history (kMaxHistoryPage long messages).
inline constexpr std::size_t kMaxServerFrameBytes = 8 * 1024 * 1024;
inline constexpr std::size_t kMaxMessageChars = 4000;         // code points in a message
inline constexpr std::size_t kMaxLoginBytes = 254;            // e-mail or phone
inline constexpr std::size_t kMinPasswordChars = 8;
inline constexpr std::size_t kMaxPasswordBytes = 256;
inline constexpr std::size_t kMaxDisplayNameChars = 100;
inline constexpr std::size_t kMaxClientIdBytes = 64;
inline constexpr std::uint32_t kDefaultHistoryPage = 50;
inline constexpr std::uint32_t kMaxHistoryPage = 200;

// Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);
// Number of code points in valid UTF-8.
std::size_t utf8_length(std::string_view text);
// True when the text has only spaces, tabs and line breaks (or nothing).
bool is_blank(std::string_view text);

Status validate_message_text(std::string_view text);
Status validate_display_name(std::string_view name);
Status validate_login(std::string_view login);
Status validate_password(std::string_view password);
Status validate_client_id(std::string_view client_id);

// E-mail logins compare case-insensitively (ASCII), phones ignore spaces,
// dashes and brackets: "+7 (900) 123-45-67" == "+79001234567".
std::string normalize_login(std::string_view login);

}  // namespace parta
