// Building blocks of the forms and consoles: pages with a centered card,
// labeled fields with inline errors, choice buttons, section titles, and
// formatting of dates and link URLs.
#pragma once

#include <cstdint>
#include <string>

#include "client/app/shell/views.h"
#include "shared/org/org_state.h"

namespace parta::ui {

// A full-screen scrolling page with a centered card of at most `max_css` CSS px
// (logged-out screens). Returns the card's inner width.
float begin_card_page(const ViewContext& ctx, const char* id, float max_css, float& card_height);
void end_card_page(const ViewContext& ctx, float& card_height);

// A scrolling content pane (consoles) with side padding; returns the inner width.
float begin_pane(const ViewContext& ctx, const char* id, const ImRect& area, float max_css = 980);
void end_pane();

// A card inside a pane: a bordered box that grows with its content.
void begin_box(const ViewContext& ctx, const char* id, float width);
void end_box();

// Label, full-width input, and the error (an i18n key) under it. True on Enter.
bool form_field(const ViewContext& ctx, UiProbe& probe, const char* probe_name, const char* label, std::string& value,
                const char* hint = nullptr, ImGuiInputTextFlags flags = 0, FieldError error = nullptr,
                float width = -1);
void form_error(const char* text);  // a red wrapped line
void form_note(const char* text);   // a muted wrapped line
void form_success(const char* text);
void section_title(const ViewContext& ctx, const char* text);
void centered_text(const ImFont* font, ImU32 col, const char* text, float width);
// The error of the newest command of a kind, as a translated line (nothing when ok).
void op_error(const ViewContext& ctx, const OrgState& org, Command command);
// A primary (blue) full-width button with a probe name; greyed while `busy`.
bool primary_button(const ViewContext& ctx, UiProbe& probe, const char* probe_name, const char* label, float width,
                    bool busy);
// A secondary button of natural width.
bool secondary_button(UiProbe& probe, const char* probe_name, const char* label);

// "12.03.2025" in the browser's time zone.
std::string format_date(std::int64_t unix_ms);
// The URL of a registration/chat link: <origin>/#/join/<token>.
std::string link_url(const std::string& origin, const std::string& token);
// The check on what people type into login fields: e-mail or phone.
Status validate_login_field(std::string_view login);

}  // namespace parta::ui
