// The chat policy, cell by cell: actor x action (x chat kind and settings) ->
// expected code. The expected tables are written out by hand from the rules in
// chat_policy.h and common.proto (not derived from chat_policy.cpp).
#include "shared/chat/chat_policy.h"

#include <doctest/doctest.h>

#include <iterator>
#include <string>

#include "shared/core/validation.h"

using namespace parta;

namespace {

// Actors (user 1 each): their org role and chat role.
enum Col { Own, Mod, Stf, Adm, Mem, Ro, Mut, Pnd, kCols };
const char* kColNames[] = {"owner (teacher)",  "moderator (teacher)", "staff as member", "org admin as member",
                           "member (student)", "read-only",           "muted member",    "pending teacher"};

ChatActor actor(Col col) {
  ChatActor a;
  a.user = UserId{1};
  switch (col) {
    case Own: a.org_role = pb::ROLE_TEACHER; a.verified = true; a.chat_role = pb::CHAT_ROLE_OWNER; break;
    case Mod: a.org_role = pb::ROLE_TEACHER; a.verified = true; a.chat_role = pb::CHAT_ROLE_MODERATOR; break;
    case Stf: a.org_role = pb::ROLE_TEACHER; a.verified = true; a.chat_role = pb::CHAT_ROLE_MEMBER; break;
    case Adm: a.org_role = pb::ROLE_ADMIN; a.chat_role = pb::CHAT_ROLE_MEMBER; break;
    case Mem: a.org_role = pb::ROLE_STUDENT; a.chat_role = pb::CHAT_ROLE_MEMBER; break;
    case Ro: a.org_role = pb::ROLE_STUDENT; a.chat_role = pb::CHAT_ROLE_READ_ONLY; break;
    case Mut: a.org_role = pb::ROLE_STUDENT; a.chat_role = pb::CHAT_ROLE_MEMBER; a.muted = true; break;
    case Pnd: a.org_role = pb::ROLE_TEACHER; a.chat_role = pb::CHAT_ROLE_MEMBER; break;
    case kCols: break;
  }
  return a;
}

constexpr auto OK = pb::ERROR_UNSPECIFIED;
constexpr auto NO = pb::ERROR_PERMISSION_DENIED;
constexpr auto MU = pb::ERROR_MUTED;
constexpr auto TL = pb::ERROR_TOO_LATE;
constexpr auto IA = pb::ERROR_INVALID_ARGUMENT;

constexpr std::int64_t kNow = 1'000'000'000'000;
constexpr UserId kMe{1};
constexpr UserId kOther{2};

// What an action is done to.
enum class On {
  Nothing,
  OwnMessage, OwnMessageEditLate, OwnMessageDeleteLate, OwnMessageAtEditLimit, OtherMessage, OwnPoll, OtherPoll,
  MemberToModerator, ModeratorToReadOnly, OwnerToMember, MemberToOwner,
  SubjectMember, SubjectModerator, SubjectOwner, SubjectReadOnly, Self,
};

ChatTarget target(pb::ChatKind kind, On on) {
  ChatTarget t;
  t.kind = kind;
  t.now_ms = kNow;
  t.sent_at_ms = kNow - 1000;
  auto subject = [&](pb::ChatRole role, pb::ChatRole to = pb::CHAT_ROLE_UNSPECIFIED) {
    t.subject = kOther;
    t.subject_role = role;
    t.new_role = to;
  };
  switch (on) {
    case On::Nothing: break;
    case On::OwnMessage: t.author = kMe; break;
    case On::OwnMessageEditLate: t.author = kMe; t.sent_at_ms = kNow - kEditWindowMs - 1; break;
    case On::OwnMessageDeleteLate: t.author = kMe; t.sent_at_ms = kNow - kDeleteWindowMs - 1; break;
    case On::OwnMessageAtEditLimit: t.author = kMe; t.sent_at_ms = kNow - kEditWindowMs; break;
    case On::OtherMessage: t.author = kOther; break;
    case On::OwnPoll: t.author = kMe; t.is_poll = true; break;
    case On::OtherPoll: t.author = kOther; t.is_poll = true; break;
    case On::MemberToModerator: subject(pb::CHAT_ROLE_MEMBER, pb::CHAT_ROLE_MODERATOR); break;
    case On::ModeratorToReadOnly: subject(pb::CHAT_ROLE_MODERATOR, pb::CHAT_ROLE_READ_ONLY); break;
    case On::OwnerToMember: subject(pb::CHAT_ROLE_OWNER, pb::CHAT_ROLE_MEMBER); break;
    case On::MemberToOwner: subject(pb::CHAT_ROLE_MEMBER, pb::CHAT_ROLE_OWNER); break;
    case On::SubjectMember: subject(pb::CHAT_ROLE_MEMBER); break;
    case On::SubjectModerator: subject(pb::CHAT_ROLE_MODERATOR); break;
    case On::SubjectOwner: subject(pb::CHAT_ROLE_OWNER); break;
    case On::SubjectReadOnly: subject(pb::CHAT_ROLE_READ_ONLY); break;
    case On::Self: t.subject = kMe; t.subject_role = pb::CHAT_ROLE_MEMBER; break;
  }
  return t;
}

struct Row {
  ChatAction action;
  On on;
  const char* what;
  pb::ErrorCode expected[kCols];  // Own, Mod, Stf, Adm, Mem, Ro, Mut, Pnd
};

// A group chat where everyone posts and moderators create polls (the defaults).
// clang-format off
const Row kGroup[] = {
  {ChatAction::Post,          On::Nothing,               "post",                   {OK, OK, OK, OK, OK, NO, MU, OK}},
  {ChatAction::CreatePoll,    On::Nothing,               "create a poll",          {OK, OK, OK, OK, NO, NO, MU, NO}},
  {ChatAction::Vote,          On::Nothing,               "vote",                   {OK, OK, OK, OK, OK, OK, OK, OK}},
  {ChatAction::EditMessage,   On::OwnMessage,            "edit own",               {OK, OK, OK, OK, OK, NO, MU, OK}},
  {ChatAction::EditMessage,   On::OwnMessageAtEditLimit, "edit own at the limit",  {OK, OK, OK, OK, OK, NO, MU, OK}},
  {ChatAction::EditMessage,   On::OwnMessageEditLate,    "edit own too late",      {TL, TL, TL, TL, TL, NO, MU, TL}},
  {ChatAction::EditMessage,   On::OtherMessage,          "edit another's",         {NO, NO, NO, NO, NO, NO, NO, NO}},
  {ChatAction::EditMessage,   On::OwnPoll,               "edit own poll",          {NO, NO, NO, NO, NO, NO, NO, NO}},
  {ChatAction::DeleteMessage, On::OwnMessage,            "delete own",             {OK, OK, OK, OK, OK, OK, OK, OK}},
  {ChatAction::DeleteMessage, On::OwnMessageDeleteLate,  "delete own too late",    {OK, OK, TL, OK, TL, TL, TL, TL}},
  {ChatAction::DeleteMessage, On::OtherMessage,          "delete another's",       {OK, OK, NO, OK, NO, NO, NO, NO}},
  {ChatAction::Pin,           On::OtherMessage,          "pin",                    {OK, OK, NO, OK, NO, NO, NO, NO}},
  {ChatAction::ClosePoll,     On::OwnPoll,               "close own poll",         {OK, OK, OK, OK, OK, OK, OK, OK}},
  {ChatAction::ClosePoll,     On::OtherPoll,             "close another's poll",   {OK, OK, NO, OK, NO, NO, NO, NO}},
  {ChatAction::EditSettings,  On::Nothing,               "edit settings",          {OK, OK, NO, OK, NO, NO, NO, NO}},
  {ChatAction::SetMemberRole, On::MemberToModerator,     "member -> moderator",    {OK, NO, NO, OK, NO, NO, NO, NO}},
  {ChatAction::SetMemberRole, On::ModeratorToReadOnly,   "moderator -> read-only", {OK, NO, NO, OK, NO, NO, NO, NO}},
  {ChatAction::SetMemberRole, On::OwnerToMember,         "owner -> member",        {NO, NO, NO, NO, NO, NO, NO, NO}},
  {ChatAction::SetMemberRole, On::MemberToOwner,         "member -> owner",        {IA, NO, NO, IA, NO, NO, NO, NO}},
  {ChatAction::MuteMember,    On::SubjectMember,         "mute a member",          {OK, OK, NO, OK, NO, NO, NO, NO}},
  {ChatAction::MuteMember,    On::SubjectModerator,      "mute a moderator",       {OK, NO, NO, OK, NO, NO, NO, NO}},
  {ChatAction::MuteMember,    On::SubjectOwner,          "mute the owner",         {NO, NO, NO, NO, NO, NO, NO, NO}},
  {ChatAction::MuteMember,    On::Self,                  "mute oneself",           {NO, NO, NO, NO, NO, NO, NO, NO}},
  {ChatAction::RemoveMember,  On::SubjectReadOnly,       "remove a read-only",     {OK, OK, NO, OK, NO, NO, NO, NO}},
  {ChatAction::RemoveMember,  On::SubjectModerator,      "remove a moderator",     {OK, NO, NO, OK, NO, NO, NO, NO}},
  {ChatAction::RemoveMember,  On::SubjectOwner,          "remove the owner",       {NO, NO, NO, NO, NO, NO, NO, NO}},
};

// A direct chat: no roles, settings or moderation; either side pins and makes polls.
const Row kDirect[] = {
  {ChatAction::Post,          On::Nothing,              "post",                {OK, OK, OK, OK, OK, NO, MU, OK}},
  {ChatAction::CreatePoll,    On::Nothing,              "create a poll",       {OK, OK, OK, OK, OK, NO, MU, OK}},
  {ChatAction::DeleteMessage, On::OtherMessage,         "delete another's",    {NO, NO, NO, NO, NO, NO, NO, NO}},
  {ChatAction::DeleteMessage, On::OwnMessageDeleteLate, "delete own too late", {TL, TL, TL, TL, TL, TL, TL, TL}},
  {ChatAction::Pin,           On::OtherMessage,         "pin",                 {OK, OK, OK, OK, OK, OK, OK, OK}},
  {ChatAction::ClosePoll,     On::OtherPoll,            "close another's poll",{NO, NO, NO, NO, NO, NO, NO, NO}},
  {ChatAction::EditSettings,  On::Nothing,              "edit settings",       {NO, NO, NO, NO, NO, NO, NO, NO}},
  {ChatAction::SetMemberRole, On::MemberToModerator,    "set a role",          {NO, NO, NO, NO, NO, NO, NO, NO}},
  {ChatAction::MuteMember,    On::SubjectMember,        "mute",                {NO, NO, NO, NO, NO, NO, NO, NO}},
  {ChatAction::RemoveMember,  On::SubjectMember,        "remove",              {NO, NO, NO, NO, NO, NO, NO, NO}},
};
// clang-format on

void check_table(const Row* rows, std::size_t n, pb::ChatKind kind, pb::PostPolicy post, pb::PollPolicy poll) {
  for (std::size_t r = 0; r < n; ++r) {
    const Row& row = rows[r];
    for (int c = 0; c < kCols; ++c) {
      ChatTarget t = target(kind, row.on);
      t.post_policy = post;
      t.poll_policy = poll;
      const Status got = check_chat(actor(static_cast<Col>(c)), row.action, t);
      INFO(chat_action_name(row.action), " (", row.what, ") as ", kColNames[c]);
      CHECK(got.code() == row.expected[c]);
    }
  }
}

}  // namespace

TEST_CASE("[chat_policy] group chat: every actor x action") {
  check_table(kGroup, std::size(kGroup), pb::CHAT_KIND_GROUP, pb::POST_POLICY_ALL, pb::POLL_POLICY_MODERATORS);
}

TEST_CASE("[chat_policy] direct chat: every actor x action") {
  check_table(kDirect, std::size(kDirect), pb::CHAT_KIND_DIRECT, pb::POST_POLICY_ALL, pb::POLL_POLICY_MODERATORS);
}

TEST_CASE("[chat_policy] announcements and open polls") {
  // clang-format off
  const Row announcements[] = {
    {ChatAction::Post,       On::Nothing, "post",          {OK, OK, OK, OK, NO, NO, MU, NO}},
    {ChatAction::CreatePoll, On::Nothing, "create a poll", {OK, OK, OK, OK, NO, NO, MU, NO}},
    {ChatAction::Vote,       On::Nothing, "vote",          {OK, OK, OK, OK, OK, OK, OK, OK}},
  };
  const Row open_polls[] = {
    {ChatAction::CreatePoll, On::Nothing, "create a poll", {OK, OK, OK, OK, OK, NO, MU, OK}},
  };
  // clang-format on
  check_table(announcements, std::size(announcements), pb::CHAT_KIND_GROUP, pb::POST_POLICY_MODERATORS,
              pb::POLL_POLICY_ALL);
  check_table(open_polls, std::size(open_polls), pb::CHAT_KIND_GROUP, pb::POST_POLICY_ALL, pb::POLL_POLICY_ALL);
}

TEST_CASE("[chat_policy] outsiders see nothing; a suspended org does nothing") {
  for (int a = 0; a < static_cast<int>(ChatAction::kCount); ++a) {
    const auto action = static_cast<ChatAction>(a);
    INFO(chat_action_name(action));
    ChatActor outsider = actor(Own);
    outsider.chat_role = pb::CHAT_ROLE_UNSPECIFIED;
    CHECK(check_chat(outsider, action, target(pb::CHAT_KIND_GROUP, On::OwnMessage)).code() == pb::ERROR_NOT_FOUND);
    outsider.org_suspended = true;  // still invisible, not "suspended"
    CHECK(check_chat(outsider, action, target(pb::CHAT_KIND_GROUP, On::OwnMessage)).code() == pb::ERROR_NOT_FOUND);
    ChatActor suspended = actor(Own);
    suspended.org_suspended = true;
    CHECK(check_chat(suspended, action, target(pb::CHAT_KIND_GROUP, On::OwnMessage)).code() ==
          pb::ERROR_ORG_SUSPENDED);
  }
}

TEST_CASE("[chat_policy] default roles: staff moderate, everyone else is a member") {
  CHECK(default_chat_role(pb::ROLE_ADMIN, false) == pb::CHAT_ROLE_MODERATOR);
  CHECK(default_chat_role(pb::ROLE_HEAD, true) == pb::CHAT_ROLE_MODERATOR);
  CHECK(default_chat_role(pb::ROLE_TEACHER, true) == pb::CHAT_ROLE_MODERATOR);
  CHECK(default_chat_role(pb::ROLE_TEACHER, false) == pb::CHAT_ROLE_MEMBER);  // not yet verified
  CHECK(default_chat_role(pb::ROLE_STUDENT, false) == pb::CHAT_ROLE_MEMBER);
  CHECK(default_chat_role(pb::ROLE_PARENT, false) == pb::CHAT_ROLE_MEMBER);
  CHECK(effective_chat_role(pb::CHAT_ROLE_READ_ONLY, pb::ROLE_TEACHER, true) == pb::CHAT_ROLE_READ_ONLY);
  CHECK(effective_chat_role(pb::CHAT_ROLE_UNSPECIFIED, pb::ROLE_TEACHER, true) == pb::CHAT_ROLE_MODERATOR);
  CHECK(std::string(chat_action_name(ChatAction::Pin)) == "Pin");
}
