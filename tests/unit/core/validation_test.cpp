// Validation of text, logins and ids.
#include <doctest/doctest.h>

#include "shared/core/validation.h"

using namespace parta;

TEST_CASE("[validation] strict UTF-8") {
  struct Row { const char* name; std::string bytes; bool valid; };
  const Row rows[] = {
      {"ascii", "hello", true},
      {"cyrillic", "Привет, 5А!", true},
      {"emoji (4 bytes)", "\xF0\x9F\x98\x80", true},
      {"empty", "", true},
      {"max code point", "\xF4\x8F\xBF\xBF", true},
      {"lone continuation", "\x80", false},
      {"truncated 2-byte", "\xC3", false},
      {"bad continuation", "\xC3\x28", false},
      {"overlong slash", "\xC0\xAF", false},
      {"overlong 3-byte", "\xE0\x80\xAF", false},
      {"surrogate", "\xED\xA0\x80", false},
      {"above U+10FFFF", "\xF4\x90\x80\x80", false},
      {"0xFF", "\xFF", false},
      {"truncated in the middle", std::string("ok\xE2\x82", 4), false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CHECK(is_valid_utf8(row.bytes) == row.valid);
  }
}

TEST_CASE("[validation] utf8_length counts code points") {
  CHECK(utf8_length("") == 0);
  CHECK(utf8_length("abc") == 3);
  CHECK(utf8_length("Привет") == 6);
  CHECK(utf8_length("\xF0\x9F\x98\x80") == 1);
}

TEST_CASE("[validation] message text") {
  CHECK(validate_message_text("Привет, 5А!").is_ok());
  CHECK(validate_message_text("line one\nline two").is_ok());
  CHECK(validate_message_text("").code() == pb::ERROR_EMPTY_TEXT);
  CHECK(validate_message_text(" \n\t ").code() == pb::ERROR_EMPTY_TEXT);
  CHECK(validate_message_text("\xC3\x28").code() == pb::ERROR_INVALID_UTF8);
  CHECK(validate_message_text("bell\x07").code() == pb::ERROR_INVALID_ARGUMENT);

  std::string at_limit;
  for (std::size_t i = 0; i < kMaxMessageChars; ++i) at_limit += "ж";  // 2 bytes each
  CHECK(validate_message_text(at_limit).is_ok());
  CHECK(validate_message_text(at_limit + "ж").code() == pb::ERROR_TEXT_TOO_LONG);
  CHECK(validate_message_text(std::string(kMaxMessageChars * 4 + 1, 'a')).code() == pb::ERROR_TEXT_TOO_LONG);
}

TEST_CASE("[validation] names, logins, passwords, client ids") {
  CHECK(validate_display_name("Анна Сергеевна").is_ok());
  CHECK(validate_display_name("line\nbreak").code() == pb::ERROR_INVALID_ARGUMENT);
  CHECK(validate_display_name(std::string(kMaxDisplayNameChars + 1, 'x')).code() == pb::ERROR_TEXT_TOO_LONG);
  CHECK(validate_login("teacher@demo.school").is_ok());
  CHECK(validate_login("").code() == pb::ERROR_EMPTY_TEXT);
  CHECK(validate_login(std::string(kMaxLoginBytes + 1, 'a')).code() == pb::ERROR_TEXT_TOO_LONG);
  CHECK(validate_password("").code() == pb::ERROR_EMPTY_TEXT);
  CHECK(validate_password("\xFF\xFE").code() == pb::ERROR_INVALID_UTF8);
  CHECK(validate_client_id("c-1a2b3c.4_5").is_ok());
  CHECK(validate_client_id("").code() == pb::ERROR_INVALID_ARGUMENT);
  CHECK(validate_client_id("has space").code() == pb::ERROR_INVALID_ARGUMENT);
  CHECK(validate_client_id(std::string(kMaxClientIdBytes + 1, 'a')).code() == pb::ERROR_INVALID_ARGUMENT);
}

TEST_CASE("[validation] login normalization") {
  CHECK(normalize_login("  Teacher@Demo.School ") == "teacher@demo.school");
  CHECK(normalize_login("+7 (900) 123-45-67") == "+79001234567");
  CHECK(normalize_login("8 900 123 45 67") == "89001234567");
}
