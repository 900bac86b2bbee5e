// Links, mentions, the composer's "@query", search matches and snippets (client/app/text_spans).
#include "client/app/chat/text_spans.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace parta::ui;

namespace {

struct Piece {
  SpanKind kind;
  std::string text;
  std::int64_t user = 0;
};

std::vector<Piece> pieces(std::string_view text, const std::vector<MentionName>& mentions = {}) {
  std::vector<TextSpan> spans;
  parse_spans(text, mentions, spans);
  std::vector<Piece> out;
  std::uint32_t at = 0;
  for (const TextSpan& s : spans) {
    CHECK(s.begin == at);  // no gaps, in order
    CHECK(s.end > s.begin);
    at = s.end;
    out.push_back({s.kind, std::string(text.substr(s.begin, s.end - s.begin)), s.user_id});
  }
  CHECK(at == text.size());
  return out;
}

}  // namespace

TEST_CASE("[text_spans] links") {
  struct Row {
    const char* text;
    const char* link;  // the one link expected, or null
  };
  const Row rows[] = {
      {"see https://school.ru/a?b=1 now", "https://school.ru/a?b=1"},
      {"http://x.org", "http://x.org"},
      {"HTTPS://X.ORG/Path.", "HTTPS://X.ORG/Path"},
      {"go to www.example.com, then", "www.example.com"},
      {"(https://wiki.org/A_(b))", "https://wiki.org/A_(b)"},
      {"(see https://x.ru/page)", "https://x.ru/page"},
      {"«https://x.ru»", "https://x.ru"},
      {"https://", nullptr},
      {"nothttps://x.ru", nullptr},
      {"email me at a.www.b", nullptr},
      {"plain text", nullptr},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const auto p = pieces(row.text);
    std::vector<std::string> links;
    for (const Piece& piece : p) {
      if (piece.kind == SpanKind::Link) links.push_back(piece.text);
    }
    if (row.link == nullptr) {
      CHECK(links.empty());
    } else {
      REQUIRE(links.size() == 1);
      CHECK(links[0] == row.link);
    }
  }
  CHECK(link_href("www.x.ru") == "https://www.x.ru");
  CHECK(link_href("http://x.ru") == "http://x.ru");
}

TEST_CASE("[text_spans] mentions") {
  const std::vector<MentionName> members = {{7, "Анна Иванова"}, {8, "Анна"}, {9, "Петр Сидоров"}};
  SUBCASE("the longest name wins") {
    const auto p = pieces("Привет, @Анна Иванова!", members);
    REQUIRE(p.size() == 3);
    CHECK(p[1].kind == SpanKind::Mention);
    CHECK(p[1].text == "@Анна Иванова");
    CHECK(p[1].user == 7);
    CHECK(p[2].text == "!");
  }
  SUBCASE("a shorter name when the longer one does not follow") {
    const auto p = pieces("@Анна, привет", members);
    REQUIRE(p.size() == 2);
    CHECK(p[0].user == 8);
  }
  SUBCASE("not inside a word or an address") {
    const auto p = pieces("mail@Анна and @Аннушка", members);
    for (const Piece& piece : p) CHECK(piece.kind == SpanKind::Text);
  }
  SUBCASE("mentions and links together") {
    const auto p = pieces("@Петр Сидоров see www.a.ru", members);
    REQUIRE(p.size() == 3);
    CHECK(p[0].kind == SpanKind::Mention);
    CHECK(p[2].kind == SpanKind::Link);
  }
  SUBCASE("which ids are still in the text") {
    CHECK(mentions_in_text("@Анна Иванова и @Петр Сидоров", members) == std::vector<std::int64_t>{7, 9});
    CHECK(mentions_in_text("нет упоминаний", members).empty());
    CHECK(mentions_in_text("@Аннаx", members).empty());
  }
  SUBCASE("empty text") { CHECK(pieces("", members).empty()); }
}

TEST_CASE("[text_spans] mention autocomplete") {
  SUBCASE("the query before the cursor") {
    const std::string text = "Привет @Ан";
    const MentionQuery q = mention_query_at(text, text.size());
    REQUIRE(q.found);
    CHECK(q.start == std::string("Привет ").size());
    CHECK(q.query == "Ан");
  }
  SUBCASE("a first and a last name") {
    const MentionQuery q = mention_query_at("@Анна Ив", std::string("@Анна Ив").size());
    REQUIRE(q.found);
    CHECK(q.query == "Анна Ив");
  }
  SUBCASE("not found") {
    CHECK_FALSE(mention_query_at("a@b", 3).found);           // inside a word
    CHECK_FALSE(mention_query_at("@a b c", 6).found);        // two spaces
    CHECK_FALSE(mention_query_at("@a\nb", 4).found);         // a line break
    CHECK_FALSE(mention_query_at("no at sign", 10).found);
    CHECK_FALSE(mention_query_at("@ x", 3).found);           // a space right after '@'
  }
  SUBCASE("just '@'") {
    const MentionQuery q = mention_query_at("@", 1);
    REQUIRE(q.found);
    CHECK(q.query.empty());
  }
  SUBCASE("name matching") {
    CHECK(name_matches("Анна Иванова", ""));
    CHECK(name_matches("Анна Иванова", "ан"));
    CHECK(name_matches("Анна Иванова", "ив"));
    CHECK(name_matches("Анна Иванова", "Анна Ив"));
    CHECK(name_matches("Пётр Ёлкин", "елк"));
    CHECK_FALSE(name_matches("Анна Иванова", "Петр"));
    CHECK_FALSE(name_matches("Анна Иванова", "нна"));
  }
  SUBCASE("insertion") {
    std::string text = "Привет @Ан";
    const std::size_t cursor = insert_mention(text, std::string("Привет ").size(), text.size(), "Анна Иванова");
    CHECK(text == "Привет @Анна Иванова ");
    CHECK(cursor == text.size());
    std::string before_space = "@Ан как дела";
    const std::size_t c2 = insert_mention(before_space, 0, 5, "Анна");
    CHECK(before_space == "@Анна как дела");
    CHECK(c2 == std::string("@Анна ").size());
  }
}

TEST_CASE("[text_spans] search matches") {
  using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;
  CHECK(find_matches("Домашнее задание", "задание") == Ranges{{17, 31}});
  CHECK(find_matches("ЁЛКА и елка", "елка") == Ranges{{0, 8}, {12, 20}});
  CHECK(find_matches("abc ABC", " abc ") == Ranges{{0, 3}, {4, 7}});
  CHECK(find_matches("abc", "").empty());
  CHECK(find_matches("abc", "x").empty());
}

TEST_CASE("[text_spans] snippets") {
  CHECK(snippet("short", 10) == "short");
  CHECK(snippet("  line one\n\nline   two ", 40) == "line one line two");
  CHECK(snippet("абвгдеж", 4) == "абвг\xE2\x80\xA6");
  CHECK(snippet("", 5).empty());
}
