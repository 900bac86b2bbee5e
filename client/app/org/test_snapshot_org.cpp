// The test contract's organization part (window.partaTest.state()): memberships,
// the opened link, registration, links, applications, members, structure,
// sessions, the upload, the clipboard. Names are stable; see the issue notes.
#include <nlohmann/json.hpp>

#include "client/app/shell/app.h"
#include "client/app/shell/snapshot_names.h"
#include "client/app/ui/forms.h"
#include "shared/proto/protocol.h"

namespace parta::ui {
namespace {

using nlohmann::json;

const char* upload_state_name(UploadState s) {
  switch (s) {
    case UploadState::None:
      return "none";
    case UploadState::Checking:
      return "checking";
    case UploadState::Uploading:
      return "uploading";
    case UploadState::Done:
      return "done";
    case UploadState::Failed:
      return "failed";
  }
  return "none";
}

// "admin", "head", "teacher", "student", "parent" ("" when unknown).
json member_json(const pb::Member& m) {
  return {{"id", m.user().id()},
          {"name", m.user().display_name()},
          {"role", snapshot_name(pb::Role_Name(m.user().role()), "ROLE_")},
          {"verified", m.user().verified_teacher()},
          {"pending", m.pending_verification()},
          {"class", m.user().class_name()}};
}

json error_json(const Status& s) { return s.is_ok() ? json(nullptr) : json(error_code_name(s.code())); }

}  // namespace

void App::org_snapshot(json& out, double) const {
  const ClientState& s = engine_.state();
  const OrgState& org = engine_.org();

  json memberships = json::array();
  for (const auto& m : s.memberships) {
    memberships.push_back({{"org_id", m.org_id()},
                           {"org_name", m.org_name()},
                           {"role", snapshot_name(pb::Role_Name(m.role()), "ROLE_")},
                           {"verified", m.verified_teacher()},
                           {"class", m.class_name()},
                           {"suspended", m.org_status() == pb::ORG_STATUS_SUSPENDED}});
  }
  out["memberships"] = std::move(memberships);
  out["operator"] = s.platform_operator;
  out["active_org"] = active_org_.get();

  if (route_.kind == RouteKind::Join && org.invite_token == route_.token && org.invite) {
    const auto& i = *org.invite;
    out["invite"] = {{"token", route_.token},
                     {"kind", snapshot_name(pb::LinkKind_Name(i.kind()), "LINK_KIND_")},
                     {"org_name", i.org_name()},
                     {"group_name", i.group_name()},
                     {"chat_title", i.chat_title()},
                     {"child_name", i.child_name()},
                     {"error", nullptr}};
  } else if (route_.kind == RouteKind::Join) {
    const Status& e = org.invite_token == route_.token && !org.invite_error.is_ok() ? org.invite_error : local_error_;
    out["invite"] = {{"token", route_.token}, {"error", error_json(e)}};
  } else {
    out["invite"] = nullptr;
  }
  out["registration_pending"] = org.registration_pending;
  out["registration_sent_to"] = org.registration_sent_to;
  out["login_code_sent"] = org.login_code_sent;
  out["application_submitted"] = org.submitted_application != 0;
  out["application_id"] = org.submitted_application != 0 ? json(org.submitted_application) : json(nullptr);
  out["last_error"] = !org.last_error.is_ok() ? error_json(org.last_error) : error_json(local_error_);

  json links = json::array();
  for (const auto& l : org.links) {
    links.push_back({{"id", l.id()},
                     {"token", l.token()},
                     {"kind", snapshot_name(pb::LinkKind_Name(l.kind()), "LINK_KIND_")},
                     {"group_id", l.group_id()},
                     {"group_name", l.group_name()},
                     {"chat_id", l.chat_id()},
                     {"chat_title", l.chat_title()},
                     {"uses", l.uses()},
                     {"max_uses", l.max_uses()},
                     {"expires_at_ms", l.expires_at_ms()},
                     {"revoked", l.revoked()},
                     {"url", link_url(origin_, l.token())}});
  }
  out["links"] = std::move(links);

  json apps = json::array();
  for (const auto& a : org.applications) {
    apps.push_back({{"id", a.id()},
                    {"org_name", a.org_name()},
                    {"status", snapshot_name(pb::ApplicationStatus_Name(a.status()), "APPLICATION_")},
                    {"org_id", a.org_id()},
                    {"admin_name", a.admin_name()},
                    {"document_name", a.document_name()},
                    {"reason", a.decision_reason()},
                    {"org_suspended", org.suspended(a.org_id()).value_or(false)}});
  }
  out["applications"] = std::move(apps);

  json members = json::array();
  for (const auto& m : org.members) members.push_back(member_json(m));
  out["members"] = std::move(members);
  out["profile"] =
      org.profile && view_.org.profile_user == org.profile->user().id() ? member_json(*org.profile) : json(nullptr);

  json structure = json::array();
  if (org.structure) {
    for (const auto& g : org.structure->groups()) {
      structure.push_back({{"id", g.id()},
                           {"kind", snapshot_name(pb::GroupKind_Name(g.kind()), "GROUP_KIND_")},
                           {"name", g.name()},
                           {"class_teacher_id", g.class_teacher_id()},
                           {"class_teacher_name", g.class_teacher_name()}});
    }
  }
  out["structure"] = std::move(structure);
  out["journal_url"] = org.structure ? json(org.structure->journal_url()) : json(nullptr);

  json sessions = json::array();
  for (const auto& x : org.sessions)
    sessions.push_back({{"id", x.id()}, {"current", x.current()}, {"client", x.client()}});
  out["sessions"] = std::move(sessions);

  const ApplyForm& f = view_.org.apply;
  out["upload"] = {{"name", f.file_name},
                   {"state", upload_state_name(f.upload)},
                   {"progress", f.progress},
                   {"error", f.upload == UploadState::Failed ? json(error_code_name(f.upload_error)) : json(nullptr)}};
  out["copied"] = last_copied_.empty() ? json(nullptr) : json(last_copied_);
  out["document"] = document_status_.empty() ? json(nullptr) : json(document_status_);
  const AdminView& a = view_.org.admin;
  out["qr"] = a.qr_link != 0 && a.qr_for == a.qr_link && a.qr.ok()
                  ? json{{"link_id", a.qr_link}, {"version", a.qr.version}, {"size", a.qr.size}}
                  : json(nullptr);
}

}  // namespace parta::ui
