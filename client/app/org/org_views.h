// The organization views' own state and draw functions: registration through
// a link, an organization's application, the admin console (structure,
// members, links), the operator's queue, the profile and a member's card.
// Their intents are in org_intents.h.
#pragma once

#include <cstdint>
#include <string>

#include "client/app/auth/auth_views.h"  // LoginForm: a link shows the login form to members
#include "client/app/shell/route.h"
#include "client/app/shell/views.h"
#include "client/app/ui/qr.h"
#include "shared/org/org_state.h"
#include "shared/org/policy.h"

namespace parta::ui {

// What the organization views read besides the chat state.
struct OrgContext {
  const OrgState& org;
  Route route;
  OrgId active_org;             // the org the consoles show
  Actor actor;                  // me, for the policy (membership in active_org)
  std::string origin;           // the page's origin, for link URLs
  Status local_error;           // a command the engine refused before sending
  std::int64_t now_ms = 0;      // wall clock (link expiry)
};

struct JoinForm {
  std::string name, login, password, parent_email, code;
  FieldError err_name = nullptr, err_login = nullptr, err_password = nullptr, err_parent = nullptr, err_code = nullptr;
  bool focus_first = true;
  float card_height = 0;
};

enum class UploadState { None, Checking, Uploading, Done, Failed };

struct ApplyForm {
  std::string org_name, region, address, admin_name, phone, email, password;
  pb::OrgType type = pb::ORG_TYPE_SCHOOL;
  FieldError err_org = nullptr, err_region = nullptr, err_address = nullptr, err_admin = nullptr, err_phone = nullptr,
             err_email = nullptr, err_password = nullptr, err_document = nullptr;
  // The attached document.
  std::string file_name;
  double file_size = 0;
  UploadState upload = UploadState::None;
  float progress = 0;
  std::string upload_id;
  ErrorCode upload_error = pb::ERROR_UNSPECIFIED;
  bool focus_first = true;
  float card_height = 0;
};

struct OperatorView {
  bool pending_only = false;
  std::int64_t rejecting = 0;  // the application whose rejection reason is being typed
  std::string reason;
  FieldError err_reason = nullptr;
};

enum class AdminTab { Structure, Members, Links };

struct AdminView {
  AdminTab tab = AdminTab::Structure;
  // Structure.
  pb::GroupKind new_kind = pb::GROUP_KIND_CLASS;
  std::string new_group_name;
  FieldError err_group = nullptr;
  std::uint32_t groups_seen = 0;  // CreateGroup successes already handled (clears the name)
  std::string journal_url;
  bool journal_loaded = false;  // the field holds the org's URL
  FieldError err_journal = nullptr;
  std::int64_t picking_teacher_for = 0;  // a class whose teacher picker is open
  // Members.
  std::string search;
  pb::Role role_filter = pb::ROLE_UNSPECIFIED;
  bool pending_only = false;
  bool filters_dirty = true;    // send a new ListMembers
  // Links.
  pb::LinkKind link_kind = pb::LINK_KIND_STUDENTS;
  std::int64_t link_group = 0;
  std::int64_t link_chat = 0;
  int expiry_days = 7;
  int max_uses = 0;
  FieldError err_link = nullptr;
  std::string max_uses_text;
  std::int64_t qr_link = 0;     // the link whose QR code is shown
  QrCode qr;                    // its code (kept: encoding runs once per link)
  std::int64_t qr_for = 0;
  std::int64_t copied_link = 0;
  std::int64_t created_seen = 0;  // org().created_link already shown with its QR
};

struct ProfileView {
  std::string parent_email;
  FieldError err_parent = nullptr;
  // Set by the app each frame (app_settings.cpp).
  bool notifications = false;    // the person turned them on
  int notify_permission = 0;     // platform::NotifyPermission as int
};

// The org domain's part of the app's view state (shell/view_state.h).
struct OrgViews {
  JoinForm join;
  ApplyForm apply;
  OperatorView op;
  AdminView admin;
  ProfileView profile;
  std::int64_t profile_user = 0;  // the member whose profile card is open
};

// A link: registration, or joining a chat; members see the login form (`login`).
void draw_join(const ViewContext& ctx, const OrgContext& oc, JoinForm& form, LoginForm& login, UiProbe& probe, Intents& out);
void draw_apply(const ViewContext& ctx, const OrgContext& oc, ApplyForm& form, UiProbe& probe, Intents& out);
void draw_operator(const ViewContext& ctx, const OrgContext& oc, const ImRect& area, OperatorView& view, UiProbe& probe, Intents& out);
void draw_admin(const ViewContext& ctx, const OrgContext& oc, const ImRect& area, AdminView& view, UiProbe& probe, Intents& out);
// The admin console's tabs (view_admin_members.cpp, view_links.cpp).
void draw_members_tab(const ViewContext& ctx, const OrgContext& oc, float width, AdminView& view, UiProbe& probe, Intents& out);
void draw_links_tab(const ViewContext& ctx, const OrgContext& oc, float width, AdminView& view, UiProbe& probe, Intents& out);
void draw_profile(const ViewContext& ctx, const OrgContext& oc, const ImRect& area, ProfileView& view, UiProbe& probe, Intents& out);
// The theme and text-size radio rows (view_profile.cpp; also in the gallery).
void appearance_choices(const ViewContext& ctx, UiProbe& probe, Intents& out);
// An overlay: a member's profile card.
void draw_profile_card(const ViewContext& ctx, const OrgContext& oc, std::int64_t user_id, UiProbe& probe, Intents& out);

}  // namespace parta::ui
