// What the login views ask for: logging in and out; applied by App::apply_auth
// (app_auth.cpp). No ImGui here: tested natively.
#pragma once

#include <string>
#include <utility>

#include "client/app/shell/intent.h"

namespace parta::ui {

struct AuthIntents {
  Intent<std::pair<std::string, std::string>> login;  // login, password
  bool logout = false;

  bool operator==(const AuthIntents&) const = default;
  bool any() const { return any_recorded(*this); }
};

}  // namespace parta::ui
