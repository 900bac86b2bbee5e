// The login views' own state and draw functions: password login, login with a
// one-time code, and the loading screen before a saved session resumes. Their
// intents are in auth_intents.h.
#pragma once

#include <string>

#include "client/app/shell/views.h"

namespace parta::ui {

struct OrgContext;  // org/org_views.h (the code login reads the org state's command results)

struct LoginForm {
  std::string login;
  std::string password;
  bool pending = false;         // our attempt is queued or awaiting its reply (set by the app)
  bool missing_fields = false;
  bool focus_requested = true;  // focus the login field on the next frame
  bool focus_password = false;
  float card_height = 0;        // last frame's, to center the card
};

struct CodeLoginForm {
  std::string email, code;
  FieldError err_email = nullptr, err_code = nullptr;
  bool focus_first = true;
  float card_height = 0;
};

// The auth domain's part of the app's view state (shell/view_state.h).
struct AuthViews {
  LoginForm login;
  CodeLoginForm code_login;
};

void draw_loading(const ViewContext& ctx);
// `heading`: the registration link's (view_join.cpp) in place of the login screen's.
void draw_login(const ViewContext& ctx, LoginForm& form, UiProbe& probe, Intents& out, const char* heading = nullptr);
void draw_code_login(const ViewContext& ctx, const OrgContext& oc, CodeLoginForm& form, UiProbe& probe, Intents& out);

}  // namespace parta::ui
