// Links, mentions, mention autocomplete, search matches and snippets; see text_spans.h.
#include "client/app/chat/text_spans.h"

#include <algorithm>

#include "shared/core/text.h"

namespace parta::ui {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Letters and digits, counting every non-ASCII byte as a letter (Cyrillic names).
bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 0x20) : c; }

bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower_ascii(text[at + i]) != prefix[i]) return false;
  }
  return true;
}

// A link or a mention may start here: at the beginning or after a space or an opening mark.
bool at_word_start(std::string_view text, std::size_t i) {
  if (i == 0) return true;
  const char p = text[i - 1];
  return is_space(p) || p == '(' || p == '[' || p == '"' || p == '\'' || p == '<' ||
         (i >= 2 && static_cast<unsigned char>(text[i - 2]) == 0xC2 && static_cast<unsigned char>(p) == 0xAB);  // «
}

// The length of a link starting at `i`, or 0.
std::size_t link_length(std::string_view text, std::size_t i) {
  std::size_t prefix = 0;
  if (starts_with_nocase(text, i, "https://")) prefix = 8;
  else if (starts_with_nocase(text, i, "http://")) prefix = 7;
  else if (starts_with_nocase(text, i, "www.")) prefix = 4;
  if (prefix == 0 || !at_word_start(text, i)) return 0;
  std::size_t end = i + prefix;
  while (end < text.size() && !is_space(text[end])) ++end;
  // Punctuation after a link belongs to the sentence, not to the address.
  while (end > i + prefix) {
    const char c = text[end - 1];
    const std::string_view link(text.data() + i, end - i);
    const bool closing_paren = c == ')' && std::count(link.begin(), link.end(), ')') > std::count(link.begin(), link.end(), '(');
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' || c == '\'' || c == ']' ||
        c == '>' || closing_paren) {
      --end;
    } else if (end - i >= 2 && static_cast<unsigned char>(text[end - 2]) == 0xC2 && static_cast<unsigned char>(c) == 0xBB) {
      end -= 2;  // »
    } else {
      break;
    }
  }
  return end > i + prefix ? end - i : 0;
}

// Whether "@name" occurs at `i` as a whole (not followed by more letters).
bool mention_at(std::string_view text, std::size_t i, std::string_view name) {
  if (name.empty() || text[i] != '@' || text.size() - i - 1 < name.size()) return false;
  if (text.compare(i + 1, name.size(), name) != 0) return false;
  const std::size_t after = i + 1 + name.size();
  return after == text.size() || !is_word_byte(text[after]);
}

void push(std::vector<TextSpan>& out, SpanKind kind, std::size_t begin, std::size_t end, std::int64_t user = 0) {
  if (end <= begin) return;
  out.push_back({kind, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), user});
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !is_space(s[j])) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

void parse_spans(std::string_view text, const std::vector<MentionName>& mentions, std::vector<TextSpan>& out) {
  out.clear();
  std::size_t plain = 0;  // start of the current plain run
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == 'h' || c == 'H' || c == 'w' || c == 'W') {
      if (const std::size_t n = link_length(text, i)) {
        push(out, SpanKind::Text, plain, i);
        push(out, SpanKind::Link, i, i + n);
        i += n;
        plain = i;
        continue;
      }
    } else if (c == '@' && !mentions.empty() && (i == 0 || !is_word_byte(text[i - 1]))) {
      const MentionName* best = nullptr;
      for (const MentionName& m : mentions) {
        if (mention_at(text, i, m.name) && (best == nullptr || m.name.size() > best->name.size())) best = &m;
      }
      if (best != nullptr) {
        push(out, SpanKind::Text, plain, i);
        push(out, SpanKind::Mention, i, i + 1 + best->name.size(), best->user_id);
        i += 1 + best->name.size();
        plain = i;
        continue;
      }
    }
    ++i;
  }
  push(out, SpanKind::Text, plain, text.size());
}

std::string link_href(std::string_view link_text) {
  if (starts_with_nocase(link_text, 0, "www.")) return "https://" + std::string(link_text);
  return std::string(link_text);
}

MentionQuery mention_query_at(std::string_view text, std::size_t cursor) {
  MentionQuery q;
  if (cursor > text.size()) return q;
  constexpr std::size_t kMaxBack = 64;  // bytes: a name and a half
  int spaces = 0;
  for (std::size_t i = cursor; i > 0 && cursor - i < kMaxBack; --i) {
    const char c = text[i - 1];
    if (c == '\n' || c == '\r' || c == '\t') return q;
    if (c == ' ' && ++spaces > 1) return q;
    if (c == '@') {
      const std::size_t at = i - 1;
      if (at > 0 && !is_space(text[at - 1])) return q;
      const std::string_view typed = text.substr(at + 1, cursor - at - 1);
      if (!typed.empty() && typed.front() == ' ') return q;
      q.found = true;
      q.start = at;
      q.query = typed;
      return q;
    }
  }
  return q;
}

bool name_matches(std::string_view name, std::string_view query) {
  const std::string folded_name = fold_for_search(name);
  const std::string folded_query = fold_for_search(query);
  const auto name_words = words(folded_name);
  for (std::string_view w : words(folded_query)) {
    const bool ok = std::any_of(name_words.begin(), name_words.end(),
                                [&](std::string_view n) { return n.size() >= w.size() && n.compare(0, w.size(), w) == 0; });
    if (!ok) return false;
  }
  return true;
}

std::size_t insert_mention(std::string& text, std::size_t start, std::size_t end, std::string_view name) {
  start = std::min(start, text.size());
  end = std::clamp(end, start, text.size());
  std::string inserted = "@";
  inserted.append(name);
  inserted.push_back(' ');
  // Don't double the space when one follows already.
  if (end < text.size() && text[end] == ' ') inserted.pop_back();
  text.replace(start, end - start, inserted);
  return start + inserted.size() + (inserted.back() == ' ' ? 0 : 1);
}

std::vector<std::int64_t> mentions_in_text(std::string_view text, const std::vector<MentionName>& candidates) {
  // The same reading as the history's: the longest name at each '@'.
  std::vector<TextSpan> spans;
  parse_spans(text, candidates, spans);
  std::vector<std::int64_t> ids;
  for (const TextSpan& s : spans) {
    if (s.kind == SpanKind::Mention && std::find(ids.begin(), ids.end(), s.user_id) == ids.end()) ids.push_back(s.user_id);
  }
  return ids;
}

std::vector<std::pair<std::size_t, std::size_t>> find_matches(std::string_view text, std::string_view query) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  while (!query.empty() && is_space(query.front())) query.remove_prefix(1);
  while (!query.empty() && is_space(query.back())) query.remove_suffix(1);
  if (query.empty()) return out;
  const std::string t = fold_for_search(text);
  const std::string q = fold_for_search(query);
  // Folding keeps byte lengths for the letters it maps; anything else would
  // shift offsets, so then nothing is highlighted.
  if (t.size() != text.size() || q.size() != query.size()) return out;
  for (std::size_t at = t.find(q); at != std::string::npos; at = t.find(q, at + q.size())) out.emplace_back(at, at + q.size());
  return out;
}

std::string snippet(std::string_view text, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(text.size(), max_chars * 2 + 3));
  std::size_t chars = 0;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto u = static_cast<unsigned char>(text[i]);
    const std::size_t len = u < 0x80 ? 1 : (u >> 5) == 0x6 ? 2 : (u >> 4) == 0xE ? 3 : (u >> 3) == 0x1E ? 4 : 1;
    if (is_space(text[i])) {
      space = !out.empty();
      ++i;
      continue;
    }
    if (chars + (space ? 1 : 0) + 1 > max_chars) {
      out.append("\xE2\x80\xA6");  // …
      return out;
    }
    if (space) {
      out.push_back(' ');
      ++chars;
      space = false;
    }
    out.append(text.substr(i, std::min(len, text.size() - i)));
    ++chars;
    i += len;
  }
  return out;
}

}  // namespace parta::ui
