// The client's organization state and its reducer: replies to the commands of
// orgs.proto (applications, structure, links, registration, members) in, state
// out. Pure like chat_state: the sync engine's OrgManager feeds it each command
// it sends and the reply it gets; views read `const OrgState&`.
//
// Replies are matched to their command (an Ack means different things for
// RevokeInviteLink and VerifyTeacher), so the reducer takes both. What each
// command does is one row of a table (OrgCommand, org_state.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/auth/auth_state.h"
#include "shared/core/command_log.h"
#include "shared/core/ids.h"
#include "shared/core/result.h"

namespace parta {

// The state views read through SyncEngine::org(): the status of every command
// sent with request() (CommandLog), the org domain's data, and, as a base so
// that views reading org().sessions keep compiling, the auth domain's
// (AuthState, reduced by auth_state.cpp; SyncEngine::auth() shows it alone).
struct OrgState : CommandLog, AuthState {
  // --- a link opened from the address bar (/#/join/<token>)
  std::string invite_token;              // the token InspectInvite asked about
  std::optional<pb::InviteInfo> invite;  // what it leads to
  Status invite_error;                   // LINK_EXPIRED, LINK_REVOKED, LINK_USED_UP, NOT_FOUND...
  ChatId joined_chat;                    // the chat a JoinChat put us in

  // --- registration by an invite link (before a session exists)
  bool registration_pending = false;  // a code went to a parent's e-mail
  std::string registration_id;
  std::string registration_sent_to;        // masked address
  std::int64_t submitted_application = 0;  // OrgApplicationSubmitted

  // --- the platform operator
  std::vector<pb::OrgApplication> applications;  // pending first, then newest first
  bool applications_loaded = false;
  std::vector<std::pair<std::int64_t, bool>> org_suspended;  // org id -> suspended, as set here

  // --- one organization's data (the org in `org`)
  OrgId org;
  std::optional<pb::Structure> structure;
  std::vector<pb::Member> members;  // the newest ListMembers page
  bool members_loaded = false;
  std::vector<pb::Member> staff;      // every teacher and head seen (for class-teacher pickers)
  std::vector<pb::InviteLink> links;  // newest first
  bool links_loaded = false;
  std::int64_t created_link = 0;      // id of the link created last
  std::optional<pb::Member> profile;  // GetProfile
  bool parent_invited = false;        // InviteParent acknowledged

  const pb::InviteLink* find_link(std::int64_t id) const;
  const pb::Member* find_member(std::int64_t user_id) const;
  const pb::OrgApplication* find_application(std::int64_t id) const;
  // Whether the operator suspended the org from this client (null: unknown).
  std::optional<bool> suspended(std::int64_t org_id) const;
};

// One org command: what it needs and what its reply changes. Null hooks do nothing.
struct OrgCommand {
  Command command;
  bool newest_only = false;  // a reply replaces what the previous one showed: only the newest counts
  // The org the command is about (its data is dropped when the views show another org).
  OrgId (*org)(const pb::ClientFrame&) = nullptr;
  void (*sent)(OrgState&, const pb::ClientFrame&) = nullptr;
  void (*result)(OrgState&, const pb::ClientFrame&, const pb::ServerFrame&) = nullptr;
  void (*failed)(OrgState&, const pb::ClientFrame&, const Status&, bool newest) = nullptr;
};

// The org command of this kind, or null (a command of another domain).
const OrgCommand* find_org_command(Command c);

// The org a command is about, or an invalid id.
OrgId command_org(const pb::ClientFrame& frame);

// A command went out with this request id.
void reduce_org_sent(OrgState& state, std::uint64_t request_id, const pb::ClientFrame& command);
// Its reply (a result or an Error) arrived.
void reduce_org_reply(OrgState& state, std::uint64_t request_id, const pb::ClientFrame& command,
                      const pb::ServerFrame& reply);
// The connection dropped: commands in flight will get no reply.
void reduce_org_disconnected(OrgState& state);
// The views now show another organization: forget the previous one's data.
void reduce_select_org(OrgState& state, OrgId org);

}  // namespace parta
