// Where the app is: parsed from and written to the address bar's hash
// (#/join/<token>, #/apply, #/admin ...), so links, reloads and Back work.
// Pure C++, tested natively.
#pragma once

#include <string>
#include <string_view>

namespace parta::ui {

enum class RouteKind {
  Chats,      // #/ (or nothing): the chats, or the login screen when logged out
  Join,       // #/join/<token>: registration (or joining a chat) through a link
  Apply,      // #/apply: an organization's application
  CodeLogin,  // #/code: log in with a one-time code from an e-mail
  Admin,      // #/admin: the admin console (and a teacher's links)
  Operator,   // #/operator: the platform operator's applications queue
  Profile,    // #/profile: my profile and sessions
  Gallery,    // #/gallery: the UI gallery (every widget in its states), with or without a session
};

struct Route {
  RouteKind kind = RouteKind::Chats;
  std::string token;  // Join only

  bool operator==(const Route&) const = default;
  // Routes that need no session (the others show the login screen first).
  bool anonymous() const {
    return kind == RouteKind::Join || kind == RouteKind::Apply || kind == RouteKind::CodeLogin || kind == RouteKind::Gallery;
  }
};

// "#/join/abc", "/join/abc" and "join/abc" all parse; unknown paths are Chats.
Route parse_route(std::string_view hash);
// The hash for a route, e.g. "#/join/abc".
std::string route_hash(const Route& route);
// Stable name for the test hook: "main", "join", "apply", "code", "admin", "operator", "profile", "gallery".
const char* route_name(RouteKind kind);

}  // namespace parta::ui
