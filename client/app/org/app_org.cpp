// The app's organization side: the route from the address bar, what each
// screen loads, following a registration or a joined chat into the chats, the
// application document's upload, and the org intents (org_intents.h:
// commands, documents, profiles, the active org).
#include <nlohmann/json.hpp>

#include "client/app/shell/app.h"
#include "client/platform/platform.h"
#include "shared/proto/protocol.h"
#include "shared/core/validation.h"

namespace parta::ui {
namespace {

constexpr const char* kDocumentAccept = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

ErrorCode code_by_name(std::string_view name) {
  ErrorCode code = pb::ERROR_UNSPECIFIED;
  return pb::ErrorCode_Parse(std::string(name), &code) ? code : pb::ERROR_UNSPECIFIED;
}

// The upload endpoint's answer: {"upload_id": "..."} or a typed error, in
// whichever of the usual shapes ({"error": "ERROR_X"}, {"error": {"code": ...}}, {"code": ...}).
Result<std::string> parse_upload_answer(int status, const std::string& body) {
  const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (status >= 200 && status < 300 && j.is_object() && j.contains("upload_id") && j["upload_id"].is_string()) {
    return j["upload_id"].get<std::string>();
  }
  ErrorCode code = pb::ERROR_UNSPECIFIED;
  if (j.is_object()) {
    for (const char* key : {"error", "code"}) {
      if (!j.contains(key)) continue;
      const auto& v = j[key];
      if (v.is_string())
        code = code_by_name(v.get<std::string>());
      else if (v.is_object() && v.contains("code") && v["code"].is_string())
        code = code_by_name(v["code"].get<std::string>());
      else if (v.is_number_integer() && pb::ErrorCode_IsValid(v.get<int>()))
        code = static_cast<ErrorCode>(v.get<int>());
      if (code != pb::ERROR_UNSPECIFIED) break;
    }
  }
  if (code == pb::ERROR_UNSPECIFIED) {
    switch (status) {
      case 413:
        code = pb::ERROR_FILE_TOO_LARGE;
        break;
      case 415:
        code = pb::ERROR_UNSUPPORTED_FILE;
        break;
      case 429:
        code = pb::ERROR_RATE_LIMITED;
        break;
      case 400:
        code = pb::ERROR_INVALID_ARGUMENT;
        break;
      default:
        code = pb::ERROR_INTERNAL;
        break;
    }
  }
  return Status(code, "upload failed");
}

}  // namespace

const char* App::route_label() const {
  switch (screen()) {
    case Screen::Loading:
      return "loading";
    case Screen::Main:
      return route_name(route_.kind);
    case Screen::Login:
      break;
  }
  return route_.anonymous() ? route_name(route_.kind) : "login";
}

void App::sync_route() {
  if (route_read_ && !platform::take_hash_changed()) return;
  if (!route_read_) origin_ = platform::page_origin();
  route_read_ = true;
  const Route next = parse_route(platform::location_hash());
  if (next == route_) return;
  route_ = next;
  view_.wants_frame = true;
}

void App::navigate(const Route& route, bool replace) {
  if (route == route_) return;
  route_ = route;
  platform::set_location_hash(route_hash(route), replace);
  engine_.clear_error();
  local_error_ = Status::ok();
  view_.wants_frame = true;
}

OrgId App::pick_active_org() const {
  const auto& ms = engine_.state().memberships;
  for (const auto& m : ms) {
    if (m.org_id() == active_org_.get()) return active_org_;
  }
  // Where the person has the most to do: admin, then staff, then anything.
  for (const auto& m : ms) {
    if (m.role() == pb::ROLE_ADMIN) return OrgId{m.org_id()};
  }
  for (const auto& m : ms) {
    if (m.role() == pb::ROLE_HEAD || m.role() == pb::ROLE_TEACHER) return OrgId{m.org_id()};
  }
  return ms.empty() ? OrgId{} : OrgId{ms.front().org_id()};
}

OrgContext App::org_context() const {
  const ClientState& s = engine_.state();
  OrgContext oc{engine_.org(), route_, active_org_, Actor{}, origin_, local_error_, platform::now_ms()};
  oc.actor.authenticated = s.me.has_value();
  oc.actor.platform_operator = s.platform_operator;
  oc.actor.user = UserId{s.me ? s.me->id() : 0};
  oc.actor.membership = find_membership(s.memberships, active_org_);
  return oc;
}

void App::drain_files() {
  platform::FileEvent e;
  while (platform::file_poll(e)) {
    ApplyForm& f = view_.org.apply;
    view_.wants_frame = true;
    switch (e.kind) {
      case platform::FileEventKind::Chosen:
        f.file_name = e.name;
        f.file_size = e.size;
        f.progress = 0;
        f.upload_id.clear();
        f.err_document = nullptr;
        f.upload_error = pb::ERROR_UNSPECIFIED;
        // Checked here first, so a wrong file fails at once (the server checks again).
        if (e.size > static_cast<double>(kMaxUploadBytes)) {
          f.upload = UploadState::Failed;
          f.upload_error = pb::ERROR_FILE_TOO_LARGE;
        } else if (sniff_document_type(e.head).empty()) {
          f.upload = UploadState::Failed;
          f.upload_error = pb::ERROR_UNSUPPORTED_FILE;
        } else {
          f.upload = UploadState::Uploading;
          platform::file_upload();
        }
        break;
      case platform::FileEventKind::Progress:
        if (f.upload == UploadState::Uploading) f.progress = static_cast<float>(e.progress);
        break;
      case platform::FileEventKind::Uploaded: {
        if (f.upload != UploadState::Uploading) break;
        auto answer = parse_upload_answer(e.http_status, e.body);
        if (answer.is_ok() && validate_token(answer.value()).is_ok()) {
          f.upload = UploadState::Done;
          f.progress = 1;
          f.upload_id = answer.value();
        } else {
          f.upload = UploadState::Failed;
          f.upload_error = answer.is_ok() ? pb::ERROR_INTERNAL : answer.status().code();
        }
        break;
      }
      case platform::FileEventKind::DownloadDone:
        document_status_ = "ok";
        break;
      case platform::FileEventKind::DownloadFailed: {
        const ErrorCode code = e.http_status == 404   ? pb::ERROR_NOT_FOUND
                               : e.http_status == 401 ? pb::ERROR_SESSION_EXPIRED
                               : e.http_status == 403 ? pb::ERROR_PERMISSION_DENIED
                                                      : pb::ERROR_INTERNAL;
        document_status_ = error_code_name(code);
        local_error_ = Status(code, "document download failed");
        break;
      }
    }
  }
}

void App::follow_session() {
  const ClientState& s = engine_.state();
  const OrgState& org = engine_.org();
  const OrgId active = pick_active_org();
  if (active != active_org_) {
    active_org_ = active;
    loaded_key_.clear();
  }
  if (s.me) engine_.select_org(active_org_);

  // A registration through a link logged us in: into the chats, the class chat open.
  if (awaiting_registration_ && s.me) {
    awaiting_registration_ = false;
    land_in_chat_ = org.invite && !org.invite->group_name().empty() ? org.invite->group_name() : std::string(" ");
    navigate(Route{}, true);
  }
  if (!land_in_chat_.empty() && s.chats_loaded) {
    const ChatEntry* target = nullptr;
    for (const ChatEntry& c : s.chats) {
      if (c.title == land_in_chat_) target = &c;
    }
    for (const ChatEntry& c : s.chats) {
      if (target == nullptr && c.kind == pb::CHAT_KIND_GROUP) target = &c;
    }
    if (target != nullptr) engine_.open_chat(target->id);
    land_in_chat_.clear();
  }
  // JoinChat succeeded: open that chat.
  if (org.joined_chat.valid() && org.joined_chat != joined_seen_) {
    joined_seen_ = org.joined_chat;
    navigate(Route{}, true);
    engine_.open_chat(org.joined_chat);
  }
}

void App::ensure_data() {
  const ClientState& s = engine_.state();
  const OrgState& org = engine_.org();
  auto send = [&](pb::ClientFrame f) {
    auto r = engine_.request(std::move(f));
    if (!r.is_ok()) local_error_ = r.status();
  };
  // A link: what it leads to (anyone may ask; sent once the socket is up).
  if (route_.kind == RouteKind::Join && inspected_token_ != route_.token) {
    inspected_token_ = route_.token;
    local_error_ = Status::ok();
    pb::ClientFrame f;
    f.mutable_inspect_invite()->set_token(route_.token);
    send(std::move(f));
  }
  // A chat link opened while logged in: join it.
  if (s.me && s.connection == Connection::Online && route_.kind == RouteKind::Join && org.invite &&
      org.invite->kind() == pb::LINK_KIND_CHAT && org.invite_token == route_.token && joined_token_ != route_.token) {
    joined_token_ = route_.token;
    pb::ClientFrame f;
    f.mutable_join_chat()->set_token(route_.token);
    send(std::move(f));
  }
  if (!s.me || s.connection != Connection::Online) return;
  const std::string key = std::string(route_name(route_.kind)) + ":" + std::to_string(active_org_.get()) + ":" +
                          std::to_string(engine_.session_generation());
  if (key == loaded_key_) return;
  loaded_key_ = key;
  const OrgContext oc = org_context();
  const std::int64_t org_id = active_org_.get();
  switch (route_.kind) {
    case RouteKind::Admin: {
      if (!active_org_.valid()) break;
      if (allowed(oc.actor, Action::ViewStructure, {active_org_, {}})) {
        pb::ClientFrame f;
        f.mutable_get_structure()->set_org_id(org_id);
        send(std::move(f));
      }
      if (allowed(oc.actor, Action::ListLinks, {active_org_, {}})) {
        pb::ClientFrame f;
        f.mutable_list_invite_links()->set_org_id(org_id);
        send(std::move(f));
      }
      view_.org.admin.filters_dirty = true;  // the members view asks with its filters
      view_.org.admin.journal_loaded = false;
      break;
    }
    case RouteKind::Operator:
      if (s.platform_operator) {
        pb::ClientFrame f;
        f.mutable_list_org_applications();
        send(std::move(f));
      }
      break;
    case RouteKind::Profile: {
      pb::ClientFrame f;
      f.mutable_list_sessions();
      send(std::move(f));
      break;
    }
    default:
      break;
  }
}

void App::apply_org(OrgIntents& in) {
  if (in.clear_error) {
    engine_.clear_error();
    local_error_ = Status::ok();
  }
  for (auto& cmd : in.commands) {
    engine_.clear_error();  // a new attempt: the last error is old news
    if (cmd.has_register_() || cmd.has_confirm_registration()) awaiting_registration_ = true;
    auto r = engine_.request(std::move(cmd));
    local_error_ = r.is_ok() ? Status::ok() : r.status();
  }
  if (in.pick_file) platform::file_choose(kDocumentAccept);
  if (in.open_document) {
    const pb::OrgApplication* app = engine_.org().find_application(*in.open_document);
    const std::string url = origin_ + "/api/applications/" + std::to_string(*in.open_document) + "/document";
    platform::download_document(url, engine_.token(), app ? app->document_name() : "document");
    document_status_ = "pending";
  }
  if (in.show_profile) {
    view_.org.profile_user = *in.show_profile;
    if (view_.org.profile_user != 0 && active_org_.valid()) {
      pb::ClientFrame f;
      f.mutable_get_profile()->set_org_id(active_org_.get());
      f.mutable_get_profile()->set_user_id(view_.org.profile_user);
      auto r = engine_.request(std::move(f));
      if (!r.is_ok()) local_error_ = r.status();
    }
  }
  if (in.select_org && *in.select_org != active_org_) {
    active_org_ = *in.select_org;
    engine_.select_org(active_org_);
    loaded_key_.clear();
    const AdminTab tab = view_.org.admin.tab;
    view_.org.admin = AdminView{};
    view_.org.admin.tab = tab;
  }
}

}  // namespace parta::ui
