// Translations: flat key -> string tables embedded from assets/i18n/*.json.
// A missing key shows as the key itself, so a gap is visible, never a crash.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "shared/core/result.h"

namespace parta::ui {

enum class Language { Ru, En };

const char* language_code(Language lang);                 // "ru", "en"
bool parse_language(std::string_view code, Language& out);  // false for unknown codes

class I18n {
 public:
  explicit I18n(Language lang = Language::Ru) { set_language(lang); }
  void set_language(Language lang);
  Language language() const { return lang_; }

  // The string for `key` (the key itself when missing). Stable until set_language().
  const char* operator()(const char* key) const;
  // A count phrase, e.g. plural("chat_members", 3) -> "3 участника": picks
  // <key>_one / _few / _many by the language's plural rule and fills "{n}".
  std::string plural(const char* key, long n) const;
  // The string for `key` with "{name}" placeholders filled, e.g.
  // format("join_title", {{"org", "Школа № 42"}}).
  std::string format(const char* key, std::initializer_list<std::pair<std::string_view, std::string_view>> args) const;
  // The translation of an error code ("ERROR_BAD_CREDENTIALS" -> "Неверный ...").
  const char* error(ErrorCode code) const;
  const char* role(pb::Role role) const;

 private:
  Language lang_ = Language::Ru;
  std::map<std::string, std::string, std::less<>> strings_;
};

}  // namespace parta::ui
