// Base64 (RFC 4648, with padding) for keeping binary snapshots in localStorage.
#pragma once

#include <string>
#include <string_view>

namespace parta::ui {

std::string base64_encode(std::string_view bytes);
// False for characters outside the alphabet or a bad length.
bool base64_decode(std::string_view text, std::string& out);

}  // namespace parta::ui
