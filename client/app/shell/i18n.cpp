// Loads the embedded translation tables and answers lookups.
#include "client/app/shell/i18n.h"

#include <nlohmann/json.hpp>

#include "client/app/shell/embedded.h"
#include "shared/proto/protocol.h"

namespace parta::ui {

const char* language_code(Language lang) { return lang == Language::En ? "en" : "ru"; }

bool parse_language(std::string_view code, Language& out) {
  if (code == "ru") return out = Language::Ru, true;
  if (code == "en") return out = Language::En, true;
  return false;
}

void I18n::set_language(Language lang) {
  lang_ = lang;
  strings_.clear();
  const embedded::Blob& blob = lang == Language::En ? embedded::i18n_en : embedded::i18n_ru;
  const std::string_view text = blob.text();
  // No exceptions in this build: a broken table parses as "discarded" and every
  // key then shows as itself.
  const nlohmann::json table = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (!table.is_object()) return;
  for (auto it = table.begin(); it != table.end(); ++it) {
    if (it.value().is_string()) strings_.emplace(it.key(), it.value().get<std::string>());
  }
}

const char* I18n::operator()(const char* key) const {
  const auto it = strings_.find(std::string_view(key));
  return it == strings_.end() ? key : it->second.c_str();
}

std::string I18n::plural(const char* key, long n) const {
  const char* form = "_many";
  const long abs_n = n < 0 ? -n : n;
  if (lang_ == Language::Ru) {
    const long m10 = abs_n % 10, m100 = abs_n % 100;
    if (m10 == 1 && m100 != 11) form = "_one";
    else if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) form = "_few";
  } else if (abs_n == 1) {
    form = "_one";
  }
  std::string text = (*this)((std::string(key) + form).c_str());
  const std::string number = std::to_string(n);
  if (const auto pos = text.find("{n}"); pos != std::string::npos) text.replace(pos, 3, number);
  return text;
}

std::string I18n::format(const char* key, std::initializer_list<std::pair<std::string_view, std::string_view>> args) const {
  std::string text = (*this)(key);
  for (const auto& [name, value] : args) {
    const std::string token = "{" + std::string(name) + "}";
    for (auto pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + value.size())) {
      text.replace(pos, token.size(), value);
    }
  }
  return text;
}

const char* I18n::error(ErrorCode code) const { return (*this)(error_code_name(code)); }

const char* I18n::role(pb::Role role) const { return (*this)(pb::Role_Name(role).c_str()); }

}  // namespace parta::ui
