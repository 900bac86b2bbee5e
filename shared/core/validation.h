// Limits and validation of everything people type or send. Used by the server to
// refuse bad input with a typed error and by the client to show it before sending.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/core/result.h"

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
inline constexpr std::size_t kMaxOrgNameChars = 200;
inline constexpr std::size_t kMaxAddressChars = 300;
inline constexpr std::size_t kMaxGroupNameChars = 40;
inline constexpr std::size_t kMaxReasonChars = 1000;
inline constexpr std::size_t kMaxUrlBytes = 500;
inline constexpr std::size_t kMaxUploadBytes = 10 * 1024 * 1024;  // application documents
inline constexpr std::size_t kOneTimeCodeDigits = 6;
inline constexpr std::int64_t kMaxLinkLifetimeMs = 90LL * 24 * 3600 * 1000;
inline constexpr std::int64_t kDefaultLinkLifetimeMs = 7LL * 24 * 3600 * 1000;
inline constexpr std::uint32_t kDefaultHistoryPage = 50;
inline constexpr std::uint32_t kMaxHistoryPage = 200;
// Catch-up: more events missed than this and the server sends a snapshot.
inline constexpr std::uint64_t kSnapshotAfterEvents = 5000;
inline constexpr std::int64_t kEditWindowMs = 48LL * 3600 * 1000;    // the author may edit
inline constexpr std::int64_t kDeleteWindowMs = 24LL * 3600 * 1000;  // the author may delete
inline constexpr std::size_t kReplyPreviewChars = 100;
inline constexpr std::size_t kMaxMentions = 50;
inline constexpr std::size_t kMinPollOptions = 2;
inline constexpr std::size_t kMaxPollOptions = 10;
inline constexpr std::size_t kMaxPollOptionChars = 100;
inline constexpr std::size_t kMaxPollQuestionChars = 300;
inline constexpr std::int64_t kMaxPollLifetimeMs = 365LL * 24 * 3600 * 1000;
inline constexpr std::size_t kMaxSearchQueryChars = 200;
inline constexpr std::uint32_t kDefaultSearchResults = 20;
inline constexpr std::uint32_t kMaxSearchResults = 50;
inline constexpr std::int64_t kTypingSendIntervalMs = 3000;  // a client repeats SetTyping at most this often
inline constexpr std::int64_t kTypingShowMs = 6000;          // and shows others' typing this long

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
// At most kMaxMentions positive, distinct user ids (membership is the server's check).
Status validate_mentions(const google::protobuf::RepeatedField<std::int64_t>& ids);

// One-line free text (names, titles, addresses): valid UTF-8, not blank, at most
// max_chars code points, no control characters.
Status validate_line(std::string_view text, std::size_t max_chars, const char* what);
Status validate_email(std::string_view email);
Status validate_phone(std::string_view phone);
Status validate_https_url(std::string_view url);
// Link tokens, upload ids, session ids: 32..128 lowercase hex characters.
Status validate_token(std::string_view token);
Status validate_one_time_code(std::string_view code);
// What kind of file the bytes are, by their magic numbers: "application/pdf",
// "image/png", "image/jpeg", or empty when none of these.
std::string_view sniff_document_type(std::string_view bytes);
// "+7 *** ***-45-67" / "o***@mail.ru": enough to recognize, not enough to contact.
std::string mask_phone(std::string_view phone);
std::string mask_email(std::string_view email);

// E-mail logins compare case-insensitively (ASCII), phones ignore spaces,
// dashes and brackets: "+7 (900) 123-45-67" == "+79001234567".
std::string normalize_login(std::string_view login);

}  // namespace parta
