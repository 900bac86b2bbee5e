// The views' intents: "did anything happen" (Intents::any) sees every kind of
// intent of every domain, so the app never skips the redraw after one.
#include "client/app/shell/intents.h"

#include <doctest/doctest.h>

#include <concepts>
#include <functional>
#include <vector>

using namespace parta;
using namespace parta::ui;

// A member that cannot be compared would make the defaulted operator== (and
// so any()) fail to build: the compiler, not a list, keeps any() complete.
static_assert(std::equality_comparable<ShellIntents>);
static_assert(std::equality_comparable<AuthIntents>);
static_assert(std::equality_comparable<ChatIntents>);
static_assert(std::equality_comparable<OrgIntents>);
static_assert(std::equality_comparable<Intents>);

TEST_CASE("[intents] a slot compares by whether something was recorded") {
  Intent<std::string> a, b;
  CHECK(a == b);
  a = std::string("x");
  CHECK(a.has_value());
  CHECK(*a == "x");
  CHECK_FALSE(a == b);
  b = std::string("y");
  CHECK(a == b);  // both hold something: "did anything happen", not what
  a.reset();
  CHECK_FALSE(a.has_value());

  IntentList<int> l, m;
  CHECK(l == m);
  l.push_back(1);
  CHECK_FALSE(l == m);
  CHECK(l.size() == 1);
}

TEST_CASE("[intents] nothing recorded: no domain reports anything") {
  const Intents none;
  CHECK_FALSE(none.shell.any());
  CHECK_FALSE(none.auth.any());
  CHECK_FALSE(none.chat.any());
  CHECK_FALSE(none.org.any());
  CHECK_FALSE(none.any());
}

TEST_CASE("[intents] each kind of intent counts") {
  using Record = std::function<void(Intents&)>;
  const std::vector<std::pair<const char*, Record>> rows = {
      {"shell.navigate", [](Intents& i) { i.shell.navigate = Route{RouteKind::Admin, {}}; }},
      {"shell.language", [](Intents& i) { i.shell.language = Language::En; }},
      {"shell.copy", [](Intents& i) { i.shell.copy = std::string("text"); }},
      {"shell.open_url", [](Intents& i) { i.shell.open_url = std::string("https://example.org"); }},
      {"shell.appearance", [](Intents& i) { i.shell.appearance = Appearance{}; }},  // even the default value
      {"shell.notifications", [](Intents& i) { i.shell.notifications = false; }},
      {"auth.login", [](Intents& i) { i.auth.login = std::make_pair(std::string("a"), std::string("b")); }},
      {"auth.logout", [](Intents& i) { i.auth.logout = true; }},
      {"chat.open_chat", [](Intents& i) { i.chat.open_chat = ChatId{7}; }},
      {"chat.close_chat", [](Intents& i) { i.chat.close_chat = true; }},
      {"chat.load_older", [](Intents& i) { i.chat.load_older = ChatId{7}; }},
      {"chat.send", [](Intents& i) { i.chat.send = ChatIntents::Send{ChatId{7}, OutgoingMessage{"hi", 0, {}, {}}}; }},
      {"chat.ops", [](Intents& i) { i.chat.ops.push_back(ChatOp{}); }},
      {"chat.mark_read", [](Intents& i) { i.chat.mark_read = std::make_pair(ChatId{7}, std::uint64_t{3}); }},
      {"chat.discard", [](Intents& i) { i.chat.discard = std::string("client-1"); }},
      {"chat.mute_chat", [](Intents& i) { i.chat.mute_chat = std::make_pair(ChatId{7}, true); }},
      {"org.commands", [](Intents& i) { i.org.commands.push_back(pb::ClientFrame{}); }},
      {"org.pick_file", [](Intents& i) { i.org.pick_file = true; }},
      {"org.open_document", [](Intents& i) { i.org.open_document = std::int64_t{4}; }},
      {"org.show_profile", [](Intents& i) { i.org.show_profile = std::int64_t{0}; }},  // 0 closes the card: still an intent
      {"org.select_org", [](Intents& i) { i.org.select_org = OrgId{2}; }},
      {"org.clear_error", [](Intents& i) { i.org.clear_error = true; }},
  };
  for (const auto& row : rows) {
    const char* name = row.first;
    CAPTURE(name);
    Intents in;
    row.second(in);
    CHECK(in.any());
    // Only the domain that recorded it reports it.
    const int domains = int(in.shell.any()) + int(in.auth.any()) + int(in.chat.any()) + int(in.org.any());
    CHECK(domains == 1);
  }
}
