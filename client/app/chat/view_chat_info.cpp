// The chat info panel (from the chat header): settings (who posts, who creates
// polls) and members with their chat roles and badges; moderators mute, unmute
// and remove members below them, the owner sets roles. Every control is shown
// only when the chat policy allows it.
#include <cmath>
#include <cstdio>

#include "client/app/ui/forms.h"
#include "client/app/chat/chat_views.h"
#include "client/app/ui/widgets.h"

namespace parta::ui {
namespace {

const char* chat_role_key(pb::ChatRole role) {
  switch (role) {
    case pb::CHAT_ROLE_OWNER: return "chat_role_owner";
    case pb::CHAT_ROLE_MODERATOR: return "chat_role_moderator";
    case pb::CHAT_ROLE_READ_ONLY: return "chat_role_read_only";
    default: return "chat_role_member";
  }
}

ChatOp member_op(ChatOp::Kind kind, ChatId chat, std::int64_t user) {
  ChatOp op;
  op.kind = kind;
  op.chat = chat;
  op.user = user;
  return op;
}

}  // namespace

void draw_chat_info(const ViewContext& ctx, const ChatEntry& chat, const ImRect& area, ChatView& view, UiProbe& probe, Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  ctx.panel(area, color::kBackground);
  const float w = begin_pane(ctx, "##chat_info", area, 720);
  const ChatActor actor = chat_actor(ctx.state, chat);
  const ChatTarget base = chat_target(chat, view.now_ms);
  const std::int64_t my_id = ctx.state.me ? ctx.state.me->id() : 0;

  // Title row with a close button.
  const float bw = std::round(36 * d);
  const ImVec2 start = ImGui::GetCursorPos();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - bw - std::round(8 * d));
  section_title(ctx, chat.title.c_str());
  ImGui::PopTextWrapPos();
  const ImVec2 after = ImGui::GetCursorPos();
  ImGui::SetCursorPos(ImVec2(start.x + w - bw, start.y));
  if (ImGui::IconButton("##info_close", ImGui::Icon::Close, bw, d)) view.header.info_open = false;
  probe.add("chat_info_close");
  probe.a11y.item(A11yRole::Button, ctx.tr("close"));
  ImGui::SetCursorPos(after);
  const std::string sub = chat.kind == pb::CHAT_KIND_DIRECT ? std::string(ctx.tr("chat_direct"))
                                                            : ctx.tr.plural("chat_members", static_cast<long>(chat.members.size()));
  form_note(sub.c_str());
  ImGui::Spacing();

  // Settings: who posts, who creates polls.
  if (chat.kind == pb::CHAT_KIND_GROUP) {
    begin_box(ctx, "##settings", w);
    ImGui::PushFont(f.bold);
    ImGui::TextUnformatted(ctx.tr("chat_settings"));
    ImGui::PopFont();
    const bool may_edit = chat_allowed(actor, ChatAction::EditSettings, base);
    ImGui::BeginDisabled(!may_edit);
    bool only_teachers = chat.settings.post_policy() == pb::POST_POLICY_MODERATORS;
    if (ImGui::Checkbox(ctx.tr("setting_only_teachers"), &only_teachers)) {
      ChatOp op;
      op.kind = ChatOp::Kind::Settings;
      op.chat = chat.id;
      op.settings = chat.settings;
      op.settings.set_post_policy(only_teachers ? pb::POST_POLICY_MODERATORS : pb::POST_POLICY_ALL);
      out.chat.ops.push_back(std::move(op));
    }
    probe.add("setting_only_teachers");
    probe.a11y.item(A11yRole::Checkbox, ctx.tr("setting_only_teachers"), only_teachers ? kA11yChecked : 0);
    bool polls_all = chat.settings.poll_policy() == pb::POLL_POLICY_ALL;
    if (ImGui::Checkbox(ctx.tr("setting_polls_all"), &polls_all)) {
      ChatOp op;
      op.kind = ChatOp::Kind::Settings;
      op.chat = chat.id;
      op.settings = chat.settings;
      op.settings.set_poll_policy(polls_all ? pb::POLL_POLICY_ALL : pb::POLL_POLICY_MODERATORS);
      out.chat.ops.push_back(std::move(op));
    }
    probe.add("setting_polls_all");
    probe.a11y.item(A11yRole::Checkbox, ctx.tr("setting_polls_all"), polls_all ? kA11yChecked : 0);
    ImGui::EndDisabled();
    if (!may_edit) form_note(ctx.tr("chat_settings_readonly"));
    end_box();
    ImGui::Spacing();
  }

  // Members.
  begin_box(ctx, "##members", w);
  ImGui::PushFont(f.bold);
  ImGui::TextUnformatted(ctx.tr("chat_members_title"));
  ImGui::PopFont();
  const float inner = ImGui::GetContentRegionAvail().x;
  const float row_h = f.regular->FontSize + f.small->FontSize + std::round(14 * d);
  char name[48];
  for (const pb::User& u : chat.members) {
    ImGui::PushID(static_cast<int>(u.id()));
    const pb::ChatMember* member = chat.find_member(UserId{u.id()});
    const pb::ChatRole role = member != nullptr ? member->role() : default_chat_role(u.role(), u.verified_teacher());
    const bool muted = member != nullptr && member->muted();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddLine(ImVec2(p.x, p.y), ImVec2(p.x + inner, p.y), color::kBorder);

    // Buttons on the right, as the policy allows (never on my own row).
    ChatTarget t = base;
    t.subject = UserId{u.id()};
    t.subject_role = role;
    float right = p.x + inner;
    const float bh = ImGui::GetFrameHeight();
    const float by = p.y + std::floor((row_h - bh) * 0.5f);
    auto button = [&](const char* label, const char* prefix) {
      const float bw2 = text_width(f.regular, label) + 2 * ImGui::GetStyle().FramePadding.x;
      right -= bw2;
      ImGui::SetCursorScreenPos(ImVec2(right, by));
      right -= std::round(6 * d);
      ImGui::PushID(prefix);
      const bool pressed = ImGui::Button(label, ImVec2(bw2, bh));
      probe.a11y.item(A11yRole::Button, std::string(label) + ": " + u.display_name());
      ImGui::PopID();
      std::snprintf(name, sizeof name, "%s_%lld", prefix, static_cast<long long>(u.id()));
      probe.add(name);
      return pressed;
    };
    if (u.id() != my_id) {
      if (chat_allowed(actor, ChatAction::RemoveMember, t)) {
        const bool confirming = view.header.confirm_remove == u.id();
        ImGui::PushStyleColor(ImGuiCol_Text, color::kError);
        if (button(ctx.tr(confirming ? "member_remove_confirm" : "member_remove"), "member_remove")) {
          if (confirming) {
            out.chat.ops.push_back(member_op(ChatOp::Kind::Remove, chat.id, u.id()));
            view.header.confirm_remove = 0;
          } else {
            view.header.confirm_remove = u.id();
          }
        }
        ImGui::PopStyleColor();
      }
      if (chat_allowed(actor, ChatAction::MuteMember, t) && button(ctx.tr(muted ? "member_unmute" : "member_mute"), "member_mute")) {
        ChatOp op = member_op(ChatOp::Kind::Mute, chat.id, u.id());
        op.flag = !muted;
        out.chat.ops.push_back(std::move(op));
      }
      // The owner sets roles: a menu of the roles the policy allows.
      bool any_role = false;
      for (pb::ChatRole r : {pb::CHAT_ROLE_MODERATOR, pb::CHAT_ROLE_MEMBER, pb::CHAT_ROLE_READ_ONLY}) {
        t.new_role = r;
        any_role |= r != role && chat_allowed(actor, ChatAction::SetMemberRole, t);
      }
      if (any_role && button(ctx.tr("member_role"), "member_role")) ImGui::OpenPopup("##role_menu");
      if (ImGui::BeginPopup("##role_menu")) {
        if (ImGui::IsWindowAppearing()) ctx.wants_frame = true;
        if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
        for (pb::ChatRole r : {pb::CHAT_ROLE_MODERATOR, pb::CHAT_ROLE_MEMBER, pb::CHAT_ROLE_READ_ONLY}) {
          t.new_role = r;
          if (!chat_allowed(actor, ChatAction::SetMemberRole, t)) continue;
          if (ImGui::Selectable(ctx.tr(chat_role_key(r)), r == role)) {
            ChatOp op = member_op(ChatOp::Kind::MemberRole, chat.id, u.id());
            op.role = r;
            out.chat.ops.push_back(std::move(op));
          }
          std::snprintf(name, sizeof name, "role_%s", chat_role_key(r) + 10);  // "role_owner", "role_moderator", ...
          probe.add(name);
          probe.a11y.item(A11yRole::MenuItem, ctx.tr(chat_role_key(r)), r == role ? kA11yChecked : 0);
        }
        ImGui::EndPopup();
      }
    }

    // Name, badge, and "role · org role · muted" under it.
    const float x = p.x + std::round(2 * d);
    const float ty = p.y + std::round(7 * d);
    const float name_max = std::max(40 * d, right - x - ImGui::TeacherBadgeWidth(f.regular, d) - std::round(6 * d));
    ImGui::TextEllipsis(dl, f.regular, ImVec2(x, ty), name_max, color::kText, u.display_name());
    if (u.verified_teacher()) ImGui::TeacherBadge(dl, f.regular, ImVec2(x + std::min(text_width(f.regular, u.display_name()), name_max), ty), d);
    std::string line = ctx.tr(chat_role_key(role));
    line += std::string(" \xC2\xB7 ") + ctx.tr.role(u.role());
    if (!u.class_name().empty()) line += ", " + u.class_name();
    if (muted) line += std::string(" \xC2\xB7 ") + ctx.tr("member_muted");
    ImGui::TextEllipsis(dl, f.small, ImVec2(x, ty + f.regular->FontSize + std::round(2 * d)), name_max,
                        muted ? color::kError : color::kMuted, line);
    ImGui::SetCursorScreenPos(p);
    ImGui::Dummy(ImVec2(inner, row_h));
    ImGui::PopID();
  }
  end_box();
  end_pane();
}

}  // namespace parta::ui
