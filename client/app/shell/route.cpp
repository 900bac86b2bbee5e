// Hash routes; see route.h.
#include "client/app/shell/route.h"

namespace parta::ui {

Route parse_route(std::string_view hash) {
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  while (!hash.empty() && hash.front() == '/') hash.remove_prefix(1);
  // Drop a query or trailing slash some mail clients add.
  if (const auto q = hash.find('?'); q != std::string_view::npos) hash = hash.substr(0, q);
  while (!hash.empty() && hash.back() == '/') hash.remove_suffix(1);
  Route r;
  constexpr std::string_view kJoin = "join/";
  if (hash.substr(0, kJoin.size()) == kJoin) {
    r.kind = RouteKind::Join;
    r.token = std::string(hash.substr(kJoin.size()));
  } else if (hash == "apply") {
    r.kind = RouteKind::Apply;
  } else if (hash == "code") {
    r.kind = RouteKind::CodeLogin;
  } else if (hash == "admin") {
    r.kind = RouteKind::Admin;
  } else if (hash == "operator") {
    r.kind = RouteKind::Operator;
  } else if (hash == "profile") {
    r.kind = RouteKind::Profile;
  } else if (hash == "gallery") {
    r.kind = RouteKind::Gallery;
  }
  return r;
}

std::string route_hash(const Route& route) {
  switch (route.kind) {
    case RouteKind::Chats:
      return "#/";
    case RouteKind::Join:
      return "#/join/" + route.token;
    case RouteKind::Apply:
      return "#/apply";
    case RouteKind::CodeLogin:
      return "#/code";
    case RouteKind::Admin:
      return "#/admin";
    case RouteKind::Operator:
      return "#/operator";
    case RouteKind::Profile:
      return "#/profile";
    case RouteKind::Gallery:
      return "#/gallery";
  }
  return "#/";
}

const char* route_name(RouteKind kind) {
  switch (kind) {
    case RouteKind::Chats:
      return "main";
    case RouteKind::Join:
      return "join";
    case RouteKind::Apply:
      return "apply";
    case RouteKind::CodeLogin:
      return "code";
    case RouteKind::Admin:
      return "admin";
    case RouteKind::Operator:
      return "operator";
    case RouteKind::Profile:
      return "profile";
    case RouteKind::Gallery:
      return "gallery";
  }
  return "main";
}

}  // namespace parta::ui
