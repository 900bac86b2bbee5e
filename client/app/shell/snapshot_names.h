// Enum values in the test snapshot (window.partaTest.state()): protoc's generated
// name without its prefix, in lower case ("LINK_KIND_STUDENTS" -> "students"), so
// the snapshot never keeps a hand-copied list of the wire's names.
#pragma once

#include <string>
#include <string_view>

namespace parta::ui {

// "" for the UNSPECIFIED value and for names without `prefix` (unknown numbers).
inline std::string snapshot_name(const std::string& generated, std::string_view prefix) {
  if (generated.size() <= prefix.size() || generated.compare(0, prefix.size(), prefix) != 0) return {};
  std::string out = generated.substr(prefix.size());
  if (out == "UNSPECIFIED") return {};
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace parta::ui
