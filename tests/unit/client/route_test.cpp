// Hash routes: parsing what people paste and writing it back.
#include "client/app/shell/route.h"

#include <doctest/doctest.h>

using namespace parta::ui;

TEST_CASE("[route] parse and format") {
  struct Row {
    const char* hash;
    RouteKind kind;
    const char* token;
  };
  const Row rows[] = {
      {"", RouteKind::Chats, ""},
      {"#/", RouteKind::Chats, ""},
      {"#/join/abc123", RouteKind::Join, "abc123"},
      {"/join/abc123/", RouteKind::Join, "abc123"},
      {"#/join/abc123?utm=mail", RouteKind::Join, "abc123"},
      {"#/apply", RouteKind::Apply, ""},
      {"#/code", RouteKind::CodeLogin, ""},
      {"#/admin", RouteKind::Admin, ""},
      {"#/operator", RouteKind::Operator, ""},
      {"#/profile", RouteKind::Profile, ""},
      {"#/gallery", RouteKind::Gallery, ""},
      {"#/nonsense", RouteKind::Chats, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.hash);
    const Route r = parse_route(row.hash);
    CHECK(r.kind == row.kind);
    CHECK(r.token == row.token);
    CHECK(parse_route(route_hash(r)) == r);
  }
  CHECK(route_hash({RouteKind::Join, "t"}) == "#/join/t");
  CHECK(Route{RouteKind::Apply, ""}.anonymous());
  CHECK_FALSE(Route{RouteKind::Admin, ""}.anonymous());
}
