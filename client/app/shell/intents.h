// Everything the views hand back to the app in one frame: the shell's own
// intents (routes, language, clipboard, settings) and each domain's. The app
// applies each part in its domain's file; Intents::any() tells it whether
// anything happened (a redraw follows). No ImGui here: tested natively.
#pragma once

#include <string>

#include "client/app/auth/auth_intents.h"
#include "client/app/chat/chat_intents.h"
#include "client/app/org/org_intents.h"
#include "client/app/shell/i18n.h"
#include "client/app/shell/intent.h"
#include "client/app/shell/route.h"
#include "client/app/ui/appearance.h"

namespace parta::ui {

// Intents every screen may have: applied by App::apply_shell (app.cpp) and,
// for the settings, App::apply_settings (app_settings.cpp).
struct ShellIntents {
  Intent<Route> navigate;              // go to another screen (a history entry)
  Intent<Language> language;
  Intent<std::string> copy;            // text for the clipboard
  Intent<std::string> open_url;        // a link in a message (new tab)
  Intent<Appearance> appearance;       // theme and font scale
  Intent<bool> notifications;          // notifications on/off

  bool operator==(const ShellIntents&) const = default;
  bool any() const { return any_recorded(*this); }
};

// One member per domain; a new domain adds its intents struct here.
struct Intents {
  ShellIntents shell;
  AuthIntents auth;
  ChatIntents chat;
  OrgIntents org;

  // Compares each domain's part with its empty value (their own operator==).
  bool operator==(const Intents&) const = default;
  bool any() const { return any_recorded(*this); }
};

}  // namespace parta::ui
