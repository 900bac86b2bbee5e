// What the views share: the read-only context they draw from, the UI-only state
// each keeps between frames, and the intents they hand back to the app.
// Views never touch the engine or the network.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "client/app/ui/a11y.h"
#include "client/app/chat/history_layout.h"
#include "client/app/shell/i18n.h"
#include "client/app/ui/qr.h"
#include "client/app/shell/route.h"
#include "client/app/chat/text_spans.h"
#include "client/app/ui/theme.h"
#include "imgui.h"
#include "imgui_internal.h"  // ImRect
#include "shared/chat/chat_state.h"
#include "shared/org/org_state.h"
#include "shared/sync/outbox.h"
#include "shared/org/policy.h"
#include "shared/sync/sync_engine.h"  // OutgoingMessage

namespace parta::ui {

enum class Screen { Loading, Login, Main };

// Named widgets whose screen rectangles the end-to-end tests click on.
enum class Probe { Login, Password, Submit, Composer, Send, LangRu, LangEn, Logout, Count };

// A widget named by the views for the tests, e.g. "join_submit", "app_approve_12".
struct NamedRect {
  char name[48];
  ImRect rect;
};

// Rectangles (framebuffer pixels) of this frame's widgets, for the test hook.
struct UiProbe {
  std::optional<ImRect> widgets[static_cast<int>(Probe::Count)];
  std::vector<NamedRect> named;                  // visible named widgets
  std::vector<std::pair<ChatId, ImRect>> chats;  // visible chat rows
  std::optional<Probe> focused;                  // the probed widget that has keyboard focus
  char focused_name[48] = {};                    // ...or the named one
  A11yTree a11y;                                 // role, name and state of the items (a11y.h)

  // Starts a frame; `a11y_activated`: the mirror's custom node activated since the last one.
  void clear(std::uint32_t a11y_activated = 0) {
    for (auto& w : widgets) w.reset();
    named.clear();  // keeps capacity: no allocation on idle frames
    chats.clear();
    focused.reset();
    focused_name[0] = 0;
    a11y.clear(a11y_activated);
  }
  // Call right after the widget: records its rectangle and whether it is active.
  void set(Probe p, const ImRect& r) {
    widgets[static_cast<int>(p)] = r;
    if (ImGui::IsItemActive()) focused = p;
  }
  // Call right after the widget: records the part of it that is visible (widgets.cpp).
  void add(const char* name);
  void add(const char* prefix, std::int64_t id);  // "<prefix>_<id>"
  // A rectangle that is not an ImGui item (a drawn message row), clipped to the window.
  void add_rect(const char* name, const ImRect& r);
};

// A large opaque rectangle under all ImGui drawing (panels). The platform paints
// these with scissored clears instead of blended triangles: fill rate is what a
// software-rendered WebGL (no GPU, SwiftShader) runs out of first.
struct Backdrop {
  ImRect rect;
  ImU32 color;
};

// Everything a view may read (const: views draw state), plus where panels go.
struct ViewContext {
  const ClientState& state;
  const Outbox& outbox;
  const I18n& tr;
  const Fonts& fonts;
  std::vector<Backdrop>& backdrops;  // output: this frame's panels, bottom layer
  bool& wants_frame;                 // output: something moved; draw another frame

  void panel(const ImRect& r, ImU32 color) const { backdrops.push_back({r, color}); }
};

// One SyncEngine call on a chat (the views' intents for rich chats).
struct ChatOp {
  enum class Kind : std::uint8_t {
    Edit,         // seq, text, ids (mentions)
    Delete,       // seq
    Pin,          // seq, flag (pinned)
    Vote,         // seq, choices (empty: withdraw)
    ClosePoll,    // seq
    Settings,     // settings
    MemberRole,   // user, role
    Mute,         // user, flag (muted)
    Remove,       // user
    Typing,
    Search,       // text (chat invalid: all chats)
    SearchMore,
    ClearSearch,
    Jump,         // seq
    ClearJump,
    Draft,        // text, seq (reply)
  };
  Kind kind = Kind::Typing;
  ChatId chat;
  std::uint64_t seq = 0;
  std::string text;
  std::vector<std::int64_t> ids;
  std::vector<std::uint32_t> choices;
  bool flag = false;
  std::int64_t user = 0;
  pb::ChatRole role = pb::CHAT_ROLE_UNSPECIFIED;
  pb::ChatSettings settings;
};

struct Intents {
  std::optional<std::pair<std::string, std::string>> login;  // login, password
  std::vector<pb::ClientFrame> commands;       // organization commands for the engine
  std::optional<Route> navigate;               // go to another screen (a history entry)
  bool pick_file = false;                      // open the file chooser (application document)
  std::optional<std::string> copy;             // text for the clipboard
  std::optional<std::int64_t> open_document;   // an application's document
  std::optional<std::int64_t> show_profile;    // a member's profile card (0 closes it)
  std::optional<OrgId> select_org;
  bool clear_error = false;                    // the person dismissed the error toast
  bool close_chat = false;                     // back from a chat to the list (narrow screens)
  bool logout = false;
  std::optional<Language> language;
  ChatId open_chat;
  ChatId load_older;
  struct Send {
    ChatId chat;
    OutgoingMessage message;
  };
  std::optional<Send> send;
  std::vector<ChatOp> chat_ops;                // changes to messages and chats, in order
  std::optional<std::string> open_url;         // a link in a message (new tab)
  std::optional<std::pair<ChatId, std::uint64_t>> mark_read;
  std::optional<std::string> discard;  // client id of a failed outbox item
  // Settings (app_settings.cpp): theme and font scale, a chat's mute, notifications on/off.
  std::optional<Appearance> appearance;
  std::optional<std::pair<ChatId, bool>> mute_chat;
  std::optional<bool> notifications;
};

struct LoginForm {
  std::string login;
  std::string password;
  bool pending = false;         // our attempt is queued or awaiting its reply (set by the app)
  bool missing_fields = false;
  bool focus_requested = true;  // focus the login field on the next frame
  bool focus_password = false;
  float card_height = 0;        // last frame's, to center the card
};

// A pending outbox message of the open chat, measured this frame.
struct PendingRow {
  const OutboxItem* item;
  Bubble bubble;
};

// The poll form (opened from the composer).
struct PollForm {
  bool open = false;        // shown now
  bool open_requested = false;
  std::string question;
  std::vector<std::string> options;
  bool multiple = false;
  bool anonymous = true;
  bool allow_change = true;
  int deadline = 0;         // index into the presets: none, 1 hour, 1 day, 1 week
  bool quiz = false;
  int correct = 0;
  std::string error;        // validate_poll_draft's verdict, translated
  bool focus_question = false;
};

// A member picked from the @-autocomplete (kept until the message is sent).
struct PickedMention {
  std::int64_t user_id = 0;
  std::string name;
};

struct ChatView {
  bool muted = false;              // the open chat is muted (set by the app each frame)
  std::unordered_map<std::int64_t, std::string> drafts;  // per chat id
  HistoryLayout layout;
  ChatId shown_chat;               // the chat drawn last frame
  bool stick_to_bottom = true;     // follow new messages while at the bottom
  bool scroll_to_bottom = true;    // jump on the next frame (chat opened, message sent)
  std::uint64_t anchor_seq = 0;    // the message at the top of the view last frame...
  float anchor_offset = 0;         // ...and its y offset then (keeps the view still when older pages arrive)
  std::uint64_t older_requested_from = 0;  // loaded_from when we last asked for older history
  std::uint64_t marked_read_seq = 0;
  float last_scroll = 0, last_total = 0, last_visible_h = 0;  // last frame's history geometry
  std::vector<PendingRow> pending;  // rebuilt each frame (capacity kept)
  bool focus_composer = false;
  bool autofocus = true;           // opening a chat focuses its composer (not in the gallery)
  std::string send_error;          // a validation error above the composer
  bool narrow = false;             // one pane: the header gets a back button (set by the app)
  std::int64_t now_ms = 0;         // wall clock of this frame (set by the app): edit windows, deadlines
  const pb::Draft* stored_draft = nullptr;  // the engine's draft of the open chat (set by the app)
  // Rich history.
  std::uint64_t divider_after = 0;    // "new messages" above the first message after this seq (0: none)
  bool scroll_to_divider = false;     // place the divider near the top once the history is there
  std::uint64_t flash_seq = 0;        // the message a jump landed on...
  double flash_started = -1;          // ...highlighted since this ImGui time
  std::uint64_t menu_seq = 0;         // the message whose action menu is open
  bool open_menu = false;             // open it on this frame
  // "Select text" (view_message_menu.cpp): the message's text in a read-only field.
  std::string select_text;            // the text itself
  std::string select_shown;           // ...with a line break at each soft wrap (ImGui 1.90 fields don't wrap)
  std::vector<std::uint32_t> select_breaks;  // where those breaks are in select_shown
  float select_wrap = 0;              // the width select_shown was wrapped for
  int select_from = 0, select_to = 0; // the selection in select_shown
  bool open_select = false;           // the window opens on this frame
  std::uint64_t press_seq = 0;        // long press: the message held...
  double press_started = -1;          // ...since this ImGui time
  std::size_t pin_index = 0;          // the pin the bar shows (cycles on click)
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> poll_picks;  // choices before "Vote", by seq
  std::vector<MentionName> mention_names;  // this frame's members (scratch)
  std::vector<TextSpan> spans;             // scratch
  std::vector<TextLine> lines;             // scratch
  // Composer.
  std::uint64_t reply_seq = 0;        // answering this message
  std::uint64_t edit_seq = 0;         // editing this message (the composer holds its text)
  std::string saved_draft;            // the draft put aside while editing
  std::vector<PickedMention> picked;  // members named via autocomplete
  bool mention_open = false;          // the @-suggestions are shown
  std::size_t mention_start = 0, mention_end = 0;  // "@query" byte range in the draft
  std::string mention_query;
  std::int64_t mention_insert = 0;    // a suggestion was chosen: insert it when the input is active
  std::string mention_insert_name;
  int mention_sel = 0;
  std::string synced_draft;           // what set_draft last saw for the shown chat
  std::uint64_t synced_reply = 0;
  PollForm poll;
  // Header: search in this chat, the info panel.
  bool search_open = false;
  std::string search_query;
  bool focus_search = false;
  bool info_open = false;
  std::int64_t confirm_remove = 0;    // the member whose "remove" asks for a second click
  std::string typing_line;            // what the typing line shows (also for the test hook)
};

// The chat list's own state: the search over all chats.
struct ChatListView {
  std::string search_query;
  bool searching = false;  // results replace the list
  ChatId menu_chat;        // the chat whose context menu is open
};

// Errors shown under form fields are i18n keys (string literals) or null.
using FieldError = const char*;

struct JoinForm {
  std::string name, login, password, parent_email, code;
  FieldError err_name = nullptr, err_login = nullptr, err_password = nullptr, err_parent = nullptr, err_code = nullptr;
  bool focus_first = true;
  float card_height = 0;
};

struct CodeLoginForm {
  std::string email, code;
  FieldError err_email = nullptr, err_code = nullptr;
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

// The UI gallery (#/gallery, view_gallery.cpp): every Parta widget in its
// states, drawn by the real views over a sample school (gallery_data.h).
struct GalleryView {
  bool built = false;             // the sample exists (made on first draw, again on a language change)
  Language language = Language::Ru;
  ClientState state;              // the sample school's chats
  Outbox outbox;                  // a pending and a failed send
  ChatView chat, narrow, info;    // the class chat wide, on a phone, and its info panel
  ChatListView list;
  std::string field_empty, field_filled, field_error, field_password;  // the form fields' sample values
  bool toggle = true;
  bool check = true;
  int radio = 0;
};

struct ViewState {
  LoginForm login;
  ChatView chat;
  ChatListView chat_list;
  JoinForm join;
  CodeLoginForm code_login;
  ApplyForm apply;
  OperatorView op;
  AdminView admin;
  ProfileView profile;
  GalleryView gallery;
  std::int64_t profile_user = 0;  // the member whose profile card is open
  UiProbe probe;
  bool wants_frame = false;  // a view needs another frame to settle
};

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

// The views, one file each.
void draw_loading(const ViewContext& ctx);
void draw_login(const ViewContext& ctx, LoginForm& form, UiProbe& probe, Intents& out, const char* heading = nullptr);
void draw_code_login(const ViewContext& ctx, const OrgContext& oc, CodeLoginForm& form, UiProbe& probe, Intents& out);
void draw_join(const ViewContext& ctx, const OrgContext& oc, ViewState& vs, Intents& out);
void draw_apply(const ViewContext& ctx, const OrgContext& oc, ApplyForm& form, UiProbe& probe, Intents& out);
void draw_top_bar(const ViewContext& ctx, const ImRect& area, UiProbe& probe, Intents& out);
// The switcher between chats and the consoles (a strip under the top bar).
void draw_nav(const ViewContext& ctx, const OrgContext& oc, const ImRect& area, UiProbe& probe, Intents& out);
void draw_operator(const ViewContext& ctx, const OrgContext& oc, const ImRect& area, OperatorView& view, UiProbe& probe, Intents& out);
void draw_admin(const ViewContext& ctx, const OrgContext& oc, const ImRect& area, AdminView& view, UiProbe& probe, Intents& out);
// The admin console's tabs (view_admin_members.cpp, view_links.cpp).
void draw_members_tab(const ViewContext& ctx, const OrgContext& oc, float width, AdminView& view, UiProbe& probe, Intents& out);
void draw_links_tab(const ViewContext& ctx, const OrgContext& oc, float width, AdminView& view, UiProbe& probe, Intents& out);
void draw_profile(const ViewContext& ctx, const OrgContext& oc, const ImRect& area, ProfileView& view, UiProbe& probe, Intents& out);
// The theme and text-size radio rows (view_profile.cpp; also in the gallery).
void appearance_choices(const ViewContext& ctx, UiProbe& probe, Intents& out);
// The UI gallery over the whole screen; only appearance and language intents leave it.
void draw_gallery(const ViewContext& ctx, ViewState& vs, Intents& out);
// Overlays: a member's profile card, the error toast.
void draw_profile_card(const ViewContext& ctx, const OrgContext& oc, std::int64_t user_id, UiProbe& probe, Intents& out);
void draw_toast(const ViewContext& ctx, const OrgContext& oc, UiProbe& probe, Intents& out);
void draw_chat_list(const ViewContext& ctx, const ImRect& area, ChatListView& view, UiProbe& probe, Intents& out);
void draw_chat(const ViewContext& ctx, const ImRect& area, ChatView& view, ViewState& vs, Intents& out);
// A chat member's display name ("" when unknown).
std::string_view member_name(const ChatEntry& chat, std::int64_t user_id);
// The history between the header and the composer (view_history.cpp).
void draw_history(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, ChatView& view, UiProbe& probe, Intents& out);
// The composer under the history (view_composer.cpp).
float composer_height(const ViewContext& ctx, const ChatEntry& chat, const ChatView& view);
void draw_composer(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, ChatView& view, UiProbe& probe, Intents& out);
// A message's action menu and the "select text" window (view_message_menu.cpp).
void draw_message_menu(const ViewContext& ctx, const ChatEntry& chat, ChatView& view, UiProbe& probe, Intents& out);
void draw_select_text(const ViewContext& ctx, ChatView& view, UiProbe& probe);
// Polls (view_poll.cpp): the card inside a message bubble, and the create form.
void draw_poll_card(const ViewContext& ctx, const ChatEntry& chat, const ChatMessage& msg, const ImRect& body, ChatView& view,
                    UiProbe& probe, Intents& out);
void draw_poll_form(const ViewContext& ctx, const ChatEntry& chat, ChatView& view, UiProbe& probe, Intents& out);
// Search results (view_search.cpp): in one chat (over the history) or in all chats (the list).
// Returns true when a result was chosen (the caller closes the results).
bool draw_search_results(const ViewContext& ctx, const ImRect& area, bool all_chats, UiProbe& probe, Intents& out);
// The chat info panel: members, roles, moderation, settings (view_chat_info.cpp).
void draw_chat_info(const ViewContext& ctx, const ChatEntry& chat, const ImRect& area, ChatView& view, UiProbe& probe, Intents& out);

}  // namespace parta::ui
