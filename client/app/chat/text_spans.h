// Pure text helpers of the chat views: links and @mentions in message text,
// the "@query" being typed in the composer, search-match ranges and one-line
// snippets. No ImGui, no allocation beyond the output vectors (tested natively).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parta::ui {

enum class SpanKind : std::uint8_t {
  Text,
  Link,     // http://, https:// or www. up to the next space (trailing punctuation excluded)
  Mention,  // "@Name" of a mentioned member
};

// A byte range [begin, end) of the text. Spans cover the text in order, no gaps.
struct TextSpan {
  SpanKind kind = SpanKind::Text;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::int64_t user_id = 0;  // Mention: whom
};

// A member who may be named in the text ("@" + name).
struct MentionName {
  std::int64_t user_id = 0;
  std::string_view name;
};

// Splits `text` into text, link and mention spans (appended to `out`, which is
// cleared first). Longer names win when several start at the same "@".
void parse_spans(std::string_view text, const std::vector<MentionName>& mentions, std::vector<TextSpan>& out);

// The address a link span opens: "www.x.ru" -> "https://www.x.ru".
std::string link_href(std::string_view link_text);

// The "@query" that ends at the cursor (the composer's autocomplete): `start`
// is the byte offset of '@'. Not found when the '@' is not at a word start, or
// the query contains a line break or more than one space.
struct MentionQuery {
  bool found = false;
  std::size_t start = 0;
  std::string_view query;  // without '@'
};
MentionQuery mention_query_at(std::string_view text, std::size_t cursor);

// Whether `name` matches what was typed after '@': every typed word is a prefix
// of a word of the name, case-insensitively (ё = е). An empty query matches.
bool name_matches(std::string_view name, std::string_view query);

// Replaces [start, end) with "@name " and returns the new cursor position.
std::size_t insert_mention(std::string& text, std::size_t start, std::size_t end, std::string_view name);

// The ids of `candidates` whose "@name" still appears in `text` (each once, in order).
std::vector<std::int64_t> mentions_in_text(std::string_view text, const std::vector<MentionName>& candidates);

// Byte ranges where `query` occurs in `text`, case-insensitively (ё = е), not overlapping.
std::vector<std::pair<std::size_t, std::size_t>> find_matches(std::string_view text, std::string_view query);

// One line of at most `max_chars` code points: line breaks become spaces, runs
// of spaces collapse, and a cut ends with "…".
std::string snippet(std::string_view text, std::size_t max_chars);

}  // namespace parta::ui
