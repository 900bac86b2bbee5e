// Joining an organization: Register through a STAFF / STUDENTS / PARENTS link
// (or, for a primary-school student, through a code mailed to a parent and
// ConfirmRegistration), JoinChat with a CHAT link, and a student's InviteParent.
#pragma once

#include <functional>
#include <string>
#include <variant>

#include "server/auth/auth_service.h"
#include "server/org/link_service.h"
#include "server/mail/mail.h"
#include "server/app/viewer.h"
#include "server/org/member_repository.h"
#include "server/org/registration_repository.h"

namespace parta::server {

inline constexpr std::int64_t kCodeLifetimeMs = 15LL * 60 * 1000;
inline constexpr int kMaxCodeAttempts = 5;

class RegistrationService {
 public:
  RegistrationService(RegistrationRepository& store, LinkRepository& link_store, MemberRepository& members,
                      UserRepository& users, LinkService& links, MailService& mail, Offload offload,
                      std::string public_url)
      : store_(store),
        link_store_(link_store),
        members_(members),
        users_(users),
        links_(links),
        mail_(mail),
        offload_(std::move(offload)),
        public_url_(std::move(public_url)) {}

  // The new account (then the caller opens a session), or a pending registration
  // whose code went to the parent's e-mail. `done` runs once, on the I/O thread.
  using Registered = std::variant<UserId, pb::RegistrationPending>;
  using RegisterDone = std::function<void(Result<Registered>)>;
  void register_member(const pb::Register& command, RegisterDone done);
  Result<UserId> confirm(const pb::ConfirmRegistration& command);

  // A logged-in member of the link's org joins its chat.
  Result<ChatId> join_chat(const Viewer& viewer, const pb::JoinChat& command);

  // A student mails a parent a PARENTS link bound to themselves.
  void invite_parent(const Viewer& viewer, const pb::InviteParent& command, std::function<void(Status)> done);

  // What a link in a mail looks like: <public_url>/#/join/<token>.
  std::string join_url(const std::string& token) const { return public_url_ + "/#/join/" + token; }

 private:
  void finish_register(const LinkRecord& link, NewMember member, std::string parent_email, RegisterDone done);

  RegistrationRepository& store_;
  LinkRepository& link_store_;
  MemberRepository& members_;
  UserRepository& users_;
  LinkService& links_;
  MailService& mail_;
  Offload offload_;
  std::string public_url_;
};

}  // namespace parta::server
