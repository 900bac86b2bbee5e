// Text helpers for search: a small case fold for Latin and Cyrillic, with ё = е,
// so "ЁЛКИН", "Ёлкин" and "елкин" all find each other. Pure, no locale.
#pragma once

#include <string>
#include <string_view>

namespace parta {

// Lower-cases A-Z, Latin-1 capitals, Cyrillic (incl. Ѐ-Џ) and maps ё/Ё to е.
// Other code points pass through. Invalid UTF-8 bytes are copied unchanged.
std::string fold_for_search(std::string_view text);

// Whether `needle` occurs in `haystack` once both are folded (an empty or blank
// needle matches everything).
bool matches_search(std::string_view haystack, std::string_view needle);

}  // namespace parta
