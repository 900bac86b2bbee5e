// Search folding: case, ё = е, Latin and Cyrillic.
#include "shared/core/text.h"

#include <doctest/doctest.h>

using namespace parta;

TEST_CASE("[text] fold_for_search") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"Hello", "hello"}, {"ПЕТРОВ Иван", "петров иван"},
      {"Ёлкин", "елкин"}, {"ёжик", "ежик"},
      {"ЂЉЊ", "ђљњ"},     {"ÀÉÖ×", "àéö×"},
      {"5А", "5а"},       {"", ""},
  };
  for (const auto& row : rows) {
    CAPTURE(row.in);
    CHECK(fold_for_search(row.in) == row.out);
  }
  CHECK(fold_for_search(std::string("\xFF"
                                    "A",
                                    2)) == std::string("\xFF"
                                                       "a",
                                                       2));
}

TEST_CASE("[text] matches_search") {
  CHECK(matches_search("Артём Кузнецов", "артем"));
  CHECK(matches_search("Артем Кузнецов", "АРТЁМ"));
  CHECK(matches_search("Анна Сергеевна Смирнова", "  смир "));
  CHECK(matches_search("anything", ""));
  CHECK(matches_search("anything", "   "));
  CHECK_FALSE(matches_search("Иван Петров", "мария"));
}
