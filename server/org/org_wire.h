// Org records -> wire messages. Contacts of applicants travel masked only;
// people become pb::User through wire.h's to_wire, never here.
#pragma once

#include <string>

#include "server/app/wire.h"
#include "server/org/application_repository.h"
#include "server/org/link_repository.h"
#include "server/org/member_repository.h"
#include "server/org/org_repository.h"
#include "shared/core/validation.h"

namespace parta::server {

// What the applicant's document is called for download: never the client's name.
inline std::string document_file_name(const ApplicationRecord& a) {
  const char* ext = a.document_type == "application/pdf" ? "pdf" : a.document_type == "image/png" ? "png" : "jpg";
  return "application-" + std::to_string(a.id.get()) + "." + ext;
}

inline void to_wire(const ApplicationRecord& a, pb::OrgApplication* out) {
  out->set_id(a.id.get());
  out->set_org_name(a.org_name);
  out->set_region(a.region);
  out->set_address(a.address);
  out->set_type(a.type);
  out->set_admin_name(a.admin_name);
  out->set_admin_phone_masked(mask_phone(a.admin_phone));
  out->set_admin_email_masked(mask_email(a.admin_email));
  out->set_document_name(document_file_name(a));
  out->set_document_type(a.document_type);
  out->set_submitted_at_ms(a.submitted_at_ms);
  out->set_status(a.status);
  out->set_decision_reason(a.decision_reason);
  out->set_org_id(a.org.get());
}

inline void to_wire(const GroupRecord& g, pb::Group* out) {
  out->set_id(g.id.get());
  out->set_kind(g.kind);
  out->set_name(g.name);
  out->set_class_teacher_id(g.class_teacher.get());
  out->set_class_teacher_name(g.class_teacher_name);
  out->set_member_count(g.member_count);
}

inline void to_wire(const LinkRecord& l, pb::InviteLink* out) {
  out->set_id(l.id.get());
  out->set_token(l.token);
  out->set_kind(l.kind);
  out->set_group_id(l.group.get());
  out->set_group_name(l.group_name);
  out->set_chat_id(l.chat.get());
  out->set_chat_title(l.chat_title);
  out->set_expires_at_ms(l.expires_at_ms);
  out->set_max_uses(l.max_uses);
  out->set_uses(l.uses);
  out->set_revoked(l.revoked);
  out->set_created_by(l.created_by.get());
  out->set_created_by_name(l.created_by_name);
}

inline void to_wire(const MemberRecord& m, pb::Member* out) {
  to_wire(m.user, out->mutable_user());
  const bool staff = m.user.role == pb::ROLE_TEACHER || m.user.role == pb::ROLE_HEAD;
  out->set_pending_verification(staff && !m.user.verified_teacher);
  out->set_suspended(false);
}

}  // namespace parta::server
