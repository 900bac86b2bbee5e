// The client's organization state and its reducer: replies to the commands of
// orgs.proto (applications, structure, links, registration, members, sessions)
// in, state out. Pure like chat_state: the sync engine feeds it each command it
// sends and the reply it gets; views read `const OrgState&`.
//
// Replies are matched to their command (an Ack means different things for
// RevokeInviteLink and VerifyTeacher), so the reducer takes both.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/ids.h"
#include "shared/core/result.h"

namespace parta {

using Command = pb::ClientFrame::CommandCase;

// One kind of command: whether one is on its way and how the newest one ended.
struct OpStatus {
  std::uint64_t latest = 0;     // request id of the newest command of this kind
  bool in_flight = false;       // the newest one has no reply yet
  Status error;                 // the newest reply's error (ok after a success)
  std::uint32_t succeeded = 0;  // successful replies so far (views watch it change)
};

struct OrgState {
  // Per command kind, indexed by the ClientFrame oneof field number.
  std::array<OpStatus, 64> ops;
  const OpStatus& op(Command c) const { return ops[static_cast<std::size_t>(c) % ops.size()]; }
  OpStatus& op(Command c) { return ops[static_cast<std::size_t>(c) % ops.size()]; }
  bool busy(Command c) const { return op(c).in_flight; }

  // The last command that failed, for the toast and the test hook; cleared by the app.
  Status last_error;
  Command last_error_command = pb::ClientFrame::COMMAND_NOT_SET;

  // --- a link opened from the address bar (/#/join/<token>)
  std::string invite_token;              // the token InspectInvite asked about
  std::optional<pb::InviteInfo> invite;  // what it leads to
  Status invite_error;                   // LINK_EXPIRED, LINK_REVOKED, LINK_USED_UP, NOT_FOUND...
  ChatId joined_chat;                    // the chat a JoinChat put us in

  // --- registration and code login (before a session exists)
  bool registration_pending = false;  // a code went to a parent's e-mail
  std::string registration_id;
  std::string registration_sent_to;  // masked address
  bool login_code_sent = false;
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
  std::vector<pb::SessionInfo> sessions;
  bool sessions_loaded = false;
  bool parent_invited = false;  // InviteParent acknowledged

  const pb::InviteLink* find_link(std::int64_t id) const;
  const pb::Member* find_member(std::int64_t user_id) const;
  const pb::OrgApplication* find_application(std::int64_t id) const;
  // Whether the operator suspended the org from this client (null: unknown).
  std::optional<bool> suspended(std::int64_t org_id) const;
};

// Commands that work without a session (anyone may apply, register, log in by code).
bool is_anonymous_command(const pb::ClientFrame& frame);
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
