// Layout of a chat's loaded history: each message's bubble size, measured once per
// (message state, width, font, language) and kept with prefix offsets, so the
// history view can find the visible messages by binary search however tall each
// wrapped message, reply quote or poll card is. Also the line breaker both the
// measuring and the drawing use, so they always agree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "client/app/shell/i18n.h"
#include "client/app/ui/theme.h"
#include "imgui.h"
#include "shared/chat/chat_state.h"

namespace parta::ui {

// The widest time mark, reserved on every bubble's name line (plus a check mark).
inline constexpr std::string_view kTimeMarkSample = "00:00";

struct BubbleMetrics {
  float pad_x = 0, pad_y = 0;  // inside the bubble
  float gap = 0;               // between bubbles
  float header_gap = 0;        // between the name line and the text
  float check = 0;             // width of the "acknowledged" check mark after the time
  float max_width = 0;         // widest bubble
  float wrap = 0;              // text wrap width inside the widest bubble
  float quote_h = 0;           // a reply quote block, with the gap under it
  float footer_h = 0;          // the "read by" line, with the gap above it
  float divider_h = 0;         // the "new messages" line above a row
  float poll_w = 0;            // a poll bubble's width
  float poll_option_h = 0;     // one option: text line and result bar
  float poll_footer_h = 0;     // voters count and buttons
};

struct Bubble {
  float width = 0;     // bubble width
  float height = 0;    // bubble height (without the gap below)
  float quote_h = 0;   // the reply block (0: none)
  float body_h = 0;    // text, "deleted" or the poll card
  float footer_h = 0;  // the "read by" line (0: none)
};

// One wrapped line of a text: byte offsets [begin, end).
struct TextLine {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// Breaks `text` at line breaks and, within `wrap` px, between words (a word
// longer than a line is cut anywhere). `out` is cleared first; an empty text
// has one empty line.
void break_lines(const ImFont* font, std::string_view text, float wrap, std::vector<TextLine>& out);
// The width of the widest of `lines`.
float lines_width(const ImFont* font, std::string_view text, const std::vector<TextLine>& lines);

BubbleMetrics bubble_metrics(float area_width, const Fonts& fonts);
// Whether a chat member is a verified teacher (their name gets the badge).
bool is_verified_teacher(const ChatEntry& chat, std::int64_t user_id);
// Measures one simple bubble: a name line (bold) with a mark (small), then wrapped text.
// `mark_extra` is drawn after the mark (the check mark), in pixels.
Bubble measure_bubble(const BubbleMetrics& m, const Fonts& fonts, std::string_view name, std::string_view mark,
                      std::string_view text, float mark_extra = 0);

// Strings the rows show, in the current language.
struct RowStrings {
  const char* edited = "";   // "edited", before the time
  const char* deleted = "";  // the body of a deleted message
  std::string read_sample;   // the widest "read by N of M" of the chat
};
RowStrings row_strings(const I18n& tr, const ChatEntry& chat);

// The time mark of a message ("12:30" or "edited 12:30").
void format_mark(const ChatMessage& msg, const char* edited, char* out, std::size_t size);
// Whether a message's bubble shows the "read by" line (my own, in a group).
bool shows_read_by(const ChatEntry& chat, const ChatMessage& msg, std::int64_t my_id);
// Measures a history message: name line, reply quote, body (text, "deleted" or
// a poll card) and the "read by" line.
Bubble measure_message(const BubbleMetrics& m, const Fonts& fonts, const RowStrings& s, const ChatEntry& chat,
                       const ChatMessage& msg, std::int64_t my_id, std::vector<TextLine>& scratch);
// The height of a poll card's body for `question` and `options` options.
float poll_body_height(const BubbleMetrics& m, const Fonts& fonts, std::string_view question, std::size_t options);

class HistoryLayout {
 public:
  // Brings the layout in line with `chat` at `width`; O(1) when nothing changed,
  // measures only messages it has not seen (or that changed) otherwise. A
  // "new messages" divider is placed above the first message after `divider_after`
  // (0: none).
  void update(const ChatEntry& chat, float width, const Fonts& fonts, const I18n& tr, std::int64_t my_id,
              std::uint64_t divider_after);

  const BubbleMetrics& metrics() const { return metrics_; }
  std::size_t size() const { return bubbles_.size(); }
  const Bubble& bubble(std::size_t i) const { return bubbles_[i]; }
  float top(std::size_t i) const { return offsets_[i]; }  // i == size(): total height
  float total_height() const { return offsets_.empty() ? 0.0f : offsets_.back(); }
  // The row that carries the divider above its bubble (size() when none).
  std::size_t divider_index() const { return divider_index_; }
  // Index of the message covering y (clamped to [0, size())).
  std::size_t index_at(float y) const;
  // Index of the message with `seq`, or size() if it is not loaded.
  std::size_t index_of(std::uint64_t seq) const;

 private:
  struct Cached {
    Bubble bubble;
    std::uint64_t changed_seq = 0;
  };
  ChatId chat_;
  float width_ = -1;
  const ImFont* font_ = nullptr;
  Language lang_ = Language::Ru;
  std::size_t members_ = 0;
  std::size_t count_ = 0;
  std::uint64_t first_seq_ = 0, last_seq_ = 0, divider_after_ = 0;
  std::size_t divider_index_ = 0;
  BubbleMetrics metrics_;
  std::unordered_map<std::uint64_t, Cached> cache_;  // by seq, for this chat and width
  std::vector<Bubble> bubbles_;                      // parallel to chat.messages
  std::vector<float> offsets_;                       // size()+1 prefix sums of height+gap (+divider)
  std::vector<std::uint64_t> seqs_;
  std::vector<std::uint64_t> changed_;               // parallel: changed_seq when measured
  std::vector<TextLine> lines_;                      // scratch
};

}  // namespace parta::ui
