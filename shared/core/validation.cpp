// Validation of text and identifiers; see validation.h for the limits.
#include "shared/core/validation.h"

#include <cctype>

namespace parta {

bool is_valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;  // continuation byte or 0xF8..0xFF as a lead
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr std::uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len]) return false;                  // overlong
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;    // surrogate
    if (cp > 0x10FFFF) return false;
    i += len;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

bool is_blank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

namespace {

// No control characters other than tab and line breaks in user text.
bool has_forbidden_controls(std::string_view text, bool allow_newlines) {
  for (unsigned char c : text) {
    if (c == '\t') continue;
    if ((c == '\n' || c == '\r') && allow_newlines) continue;
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

// Free text: valid UTF-8, not blank, at most max_chars code points, no control
// characters (line breaks only where allowed).
Status validate_text(std::string_view text, std::size_t max_chars, bool multiline, const char* what) {
  const std::string name(what);
  if (text.size() > max_chars * 4) return {pb::ERROR_TEXT_TOO_LONG, name + " too long"};
  if (!is_valid_utf8(text)) return {pb::ERROR_INVALID_UTF8, name + " is not valid UTF-8"};
  if (is_blank(text)) return {pb::ERROR_EMPTY_TEXT, name + " is empty"};
  if (utf8_length(text) > max_chars) return {pb::ERROR_TEXT_TOO_LONG, name + " too long"};
  if (has_forbidden_controls(text, multiline)) return {pb::ERROR_INVALID_ARGUMENT, name + " has control characters"};
  return Status::ok();
}

}  // namespace

Status validate_message_text(std::string_view text) {
  return validate_text(text, kMaxMessageChars, true, "message");
}

Status validate_display_name(std::string_view name) {
  return validate_text(name, kMaxDisplayNameChars, false, "name");
}

Status validate_login(std::string_view login) {
  if (login.size() > kMaxLoginBytes) return {pb::ERROR_TEXT_TOO_LONG, "login too long"};
  if (!is_valid_utf8(login)) return {pb::ERROR_INVALID_UTF8, "login is not valid UTF-8"};
  if (is_blank(login)) return {pb::ERROR_EMPTY_TEXT, "login is empty"};
  if (has_forbidden_controls(login, false)) return {pb::ERROR_INVALID_ARGUMENT, "login has control characters"};
  return Status::ok();
}

Status validate_password(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) return {pb::ERROR_TEXT_TOO_LONG, "password too long"};
  if (!is_valid_utf8(password)) return {pb::ERROR_INVALID_UTF8, "password is not valid UTF-8"};
  if (password.empty()) return {pb::ERROR_EMPTY_TEXT, "password is empty"};
  return Status::ok();
}

Status validate_client_id(std::string_view client_id) {
  if (client_id.empty()) return {pb::ERROR_INVALID_ARGUMENT, "client_id is required"};
  if (client_id.size() > kMaxClientIdBytes) return {pb::ERROR_INVALID_ARGUMENT, "client_id too long"};
  for (unsigned char c : client_id) {
    if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.')) return {pb::ERROR_INVALID_ARGUMENT, "client_id has bad characters"};
  }
  return Status::ok();
}

Status validate_mentions(const google::protobuf::RepeatedField<std::int64_t>& ids) {
  if (static_cast<std::size_t>(ids.size()) > kMaxMentions) return {pb::ERROR_INVALID_ARGUMENT, "too many mentions"};
  for (int i = 0; i < ids.size(); ++i) {
    if (ids.Get(i) <= 0) return {pb::ERROR_INVALID_ARGUMENT, "bad mention id"};
    for (int j = 0; j < i; ++j) {
      if (ids.Get(j) == ids.Get(i)) return {pb::ERROR_INVALID_ARGUMENT, "a member mentioned twice"};
    }
  }
  return Status::ok();
}

Status validate_line(std::string_view text, std::size_t max_chars, const char* what) {
  return validate_text(text, max_chars, false, what);
}

Status validate_email(std::string_view email) {
  if (auto s = validate_line(email, kMaxLoginBytes, "e-mail"); !s) return s;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= email.size() || email.find('@', at + 1) != std::string_view::npos ||
      email.find('.', at) == std::string_view::npos || email.find(' ') != std::string_view::npos) {
    return {pb::ERROR_INVALID_ARGUMENT, "not an e-mail address"};
  }
  return Status::ok();
}

Status validate_phone(std::string_view phone) {
  if (auto s = validate_line(phone, 32, "phone"); !s) return s;
  const std::string n = normalize_login(phone);
  std::size_t digits = 0;
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(n[i]))) ++digits;
    else if (!(i == 0 && n[i] == '+')) return {pb::ERROR_INVALID_ARGUMENT, "not a phone number"};
  }
  if (digits < 7 || digits > 15) return {pb::ERROR_INVALID_ARGUMENT, "not a phone number"};
  return Status::ok();
}

Status validate_https_url(std::string_view url) {
  if (url.size() > kMaxUrlBytes) return {pb::ERROR_TEXT_TOO_LONG, "address too long"};
  if (!is_valid_utf8(url)) return {pb::ERROR_INVALID_UTF8, "address is not valid UTF-8"};
  if (url.substr(0, 8) != "https://" || url.size() < 12) return {pb::ERROR_INVALID_ARGUMENT, "address must start with https://"};
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\') {
      return {pb::ERROR_INVALID_ARGUMENT, "address has forbidden characters"};
    }
  }
  return Status::ok();
}

Status validate_token(std::string_view token) {
  if (token.size() < 32 || token.size() > 128) return {pb::ERROR_INVALID_ARGUMENT, "bad token"};
  for (char c : token) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return {pb::ERROR_INVALID_ARGUMENT, "bad token"};
  }
  return Status::ok();
}

Status validate_one_time_code(std::string_view code) {
  if (code.size() != kOneTimeCodeDigits) return {pb::ERROR_CODE_INVALID, "the code has 6 digits"};
  for (char c : code) {
    if (c < '0' || c > '9') return {pb::ERROR_CODE_INVALID, "the code has 6 digits"};
  }
  return Status::ok();
}

std::string_view sniff_document_type(std::string_view b) {
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return "application/pdf";
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
  if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) return "image/jpeg";
  return {};
}

std::string mask_phone(std::string_view phone) {
  const std::string n = normalize_login(phone);
  if (n.size() < 4) return "***";
  const std::string tail = n.substr(n.size() - 4);
  return (n[0] == '+' ? n.substr(0, 2) : n.substr(0, 1)) + " *** ***-" + tail.substr(0, 2) + "-" + tail.substr(2);
}

std::string mask_email(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0) return "***";
  return std::string(email.substr(0, 1)) + "***" + std::string(email.substr(at));
}

std::string normalize_login(std::string_view login) {
  std::size_t b = 0, e = login.size();
  while (b < e && std::isspace(static_cast<unsigned char>(login[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(login[e - 1]))) --e;
  login = login.substr(b, e - b);
  const bool is_email = login.find('@') != std::string_view::npos;
  std::string out;
  out.reserve(login.size());
  for (char ch : login) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_email) {
      out.push_back(static_cast<char>(std::tolower(c)));
    } else if (std::isdigit(c) || (c == '+' && out.empty())) {
      out.push_back(ch);
    } else if (c == ' ' || c == '-' || c == '(' || c == ')') {
      continue;
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

}  // namespace parta
