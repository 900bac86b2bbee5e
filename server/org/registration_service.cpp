// RegistrationService: every path that creates an account goes through
// RegistrationRepository::register_member (one transaction), so a failure leaves nothing.
#include "server/org/registration_service.h"

#include "server/app/clock.h"
#include "server/app/log.h"
#include "server/auth/password.h"
#include "server/mail/mail_text.h"
#include "shared/core/validation.h"

namespace parta::server {

void RegistrationService::register_member(const pb::Register& command, RegisterDone done) {
  auto link = links_.usable(command.token());
  if (!link) return done(link.status());
  if (link->kind == pb::LINK_KIND_CHAT) {
    return done(Status(pb::ERROR_INVALID_ARGUMENT, "a chat link: log in and join the chat instead"));
  }
  const std::string parent_email = normalize_login(command.parent_email());
  if (!parent_email.empty() && link->kind != pb::LINK_KIND_STUDENTS) {
    return done(Status(pb::ERROR_INVALID_ARGUMENT, "only students confirm through a parent's e-mail"));
  }
  NewMember member;
  member.link = link->id;
  member.display_name = command.display_name();
  member.login = normalize_login(command.login());
  auto taken = users_.login_exists(member.login);
  if (!taken) return done(taken.status());
  if (taken.value()) return done(Status(pb::ERROR_ALREADY_EXISTS, "this login is already registered"));

  // argon2id on a worker; the rest on the I/O thread.
  struct Work {
    std::string password;
    std::optional<std::string> hash;
  };
  auto work = std::make_shared<Work>();
  work->password = command.password();
  offload_(
      [work] {
        work->hash = hash_password(work->password);
        work->password.assign(work->password.size(), '\0');
      },
      [this, work, link = std::move(link).value(), member = std::move(member), parent_email,
       done = std::move(done)]() mutable {
        if (!work->hash) return done(Status(pb::ERROR_INTERNAL, "password hashing failed"));
        member.password_hash = std::move(*work->hash);
        finish_register(link, std::move(member), parent_email, std::move(done));
      });
}

void RegistrationService::finish_register(const LinkRecord& link, NewMember member, std::string parent_email,
                                          RegisterDone done) {
  member.now_ms = now_ms();
  if (parent_email.empty()) {
    auto user = store_.register_member(member);
    if (!user) return done(user.status());
    log_info("org ", link.org.get(), ": user ", user.value().get(), " registered through link ", link.id.get());
    return done(Registered(user.value()));
  }
  // A primary-school student: the account waits for the code mailed to the parent.
  PendingRegistration pending;
  pending.id = random_hex(16);
  pending.link = link.id;
  pending.display_name = member.display_name;
  pending.login = member.login;
  pending.password_hash = member.password_hash;
  pending.parent_email = parent_email;
  const std::string code = new_one_time_code();
  pending.code_hash = hash_one_time_code(pending.id, code);
  pending.created_at_ms = member.now_ms;
  pending.expires_at_ms = member.now_ms + kCodeLifetimeMs;
  if (auto s = store_.create_pending_registration(pending); !s) return done(s);
  Mail mail = registration_code_mail(parent_email, member.display_name, link.org_name, link.group_name, code);
  mail_.send(std::move(mail), [this, id = pending.id, parent_email, done = std::move(done)](Status sent) {
    if (!sent) {
      // Nothing may remain of a registration whose code never left.
      if (auto s = store_.delete_pending_registration(id); !s) log_error("cannot forget registration ", id);
      return done(sent);
    }
    pb::RegistrationPending out;
    out.set_registration_id(id);
    out.set_sent_to_masked(mask_email(parent_email));
    done(Registered(std::move(out)));
  });
}

Result<UserId> RegistrationService::confirm(const pb::ConfirmRegistration& command) {
  const Status invalid(pb::ERROR_CODE_INVALID, "wrong or expired code");
  auto found = store_.find_pending_registration(command.registration_id());
  if (!found) return found.status();
  if (!found.value()) return invalid;
  const PendingRegistration& p = *found.value();
  if (p.expires_at_ms <= now_ms() || p.attempts >= kMaxCodeAttempts) {
    if (auto s = store_.delete_pending_registration(p.id); !s) return s;
    return invalid;
  }
  if (!one_time_code_matches(p.code_hash, p.id, command.code())) {
    // The fifth wrong code ends the registration.
    auto s = p.attempts + 1 >= kMaxCodeAttempts ? store_.delete_pending_registration(p.id)
                                                : store_.count_registration_attempt(p.id);
    if (!s) return s;
    return invalid;
  }
  NewMember member;
  member.link = p.link;
  member.display_name = p.display_name;
  member.login = p.login;
  member.password_hash = p.password_hash;
  member.now_ms = now_ms();
  auto user = store_.register_member(member);
  // Used or not (the link may be gone, the login taken since), the code is spent.
  if (auto s = store_.delete_pending_registration(p.id); !s) log_error("cannot forget registration ", p.id);
  if (!user) return user.status();
  log_info("user ", user.value().get(), " registered with a parent's code (link ", p.link.get(), ")");
  return user;
}

Result<ChatId> RegistrationService::join_chat(const Viewer& viewer, const pb::JoinChat& command) {
  auto link = links_.usable(command.token());
  if (!link) return link.status();
  if (link->kind != pb::LINK_KIND_CHAT) return Status(pb::ERROR_INVALID_ARGUMENT, "not a chat link");
  if (auto s = viewer.check(Action::JoinChat, link->org); !s) return s;
  auto joined = store_.join_chat_by_link(link->id, viewer.user, now_ms());
  if (!joined) return joined.status();
  if (joined.value()) log_info("user ", viewer.user.get(), " joined chat ", link->chat.get(), " by link");
  return link->chat;
}

void RegistrationService::invite_parent(const Viewer& viewer, const pb::InviteParent& command,
                                        std::function<void(Status)> done) {
  const pb::Membership* m = viewer.preferred(pb::ROLE_STUDENT);
  const OrgId org = m ? OrgId(m->org_id()) : OrgId();
  if (auto s = viewer.check(Action::InviteParent, org); !s) return done(s);
  auto link = links_.create_parent_invite(*m, viewer.user);
  if (!link) return done(link.status());
  auto child = members_.find_member(org, viewer.user);
  if (!child) return done(child.status());
  const std::string child_name = child.value() ? child.value()->user.display_name : link->child_name;
  Mail mail =
      parent_invite_mail(normalize_login(command.parent_email()), child_name, link->org_name, join_url(link->token));
  mail_.send(std::move(mail), [this, id = link->id, done = std::move(done)](Status sent) {
    // An invitation that was never delivered leaves nothing behind.
    if (!sent) {
      if (auto s = link_store_.delete_unused_link(id); !s) log_error("cannot delete undelivered link ", id.get());
    }
    done(sent);
  });
}

}  // namespace parta::server
