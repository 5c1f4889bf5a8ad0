// The value types every stage shares. Stages talk only through these: a Document comes out of
// text/, Actors and Mentions out of extract/'s recogniser, Events out of its coder, and graph/
// and io/ hold and write GraphData. No Boost, RapidJSON or cgraph type appears here.
//
// Example: in "Japan thanked Taiwan." (document "d1", dated 2024-08-16) the coder emits
//   Event{doc="d1", sentence=0, source={"state/JPN","Japan","JPN"},
//         target={"state/TWN","Taiwan","TWN"}, cameo="051", root="05", quad=1, goldstein=3.4}
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diplograph {

// A data error: where it is and what is wrong. Bugs are assertions, not Errors.
struct Error {
  std::string file;        // path as given by the user, or "-" for stdin
  std::size_t line = 0;    // 1-based; 0 when not meaningful
  std::size_t offset = 0;  // byte offset in the file; 0 when not meaningful
  std::string message;

  // "file:line: message" (or "file: byte N: message"), the form the CLI prints.
  [[nodiscard]] std::string to_string() const;
};

// A calendar day. Ordered, so events sort by date.
struct Date {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31

  [[nodiscard]] std::string iso() const;  // "2024-08-20"
  // Parses "YYYY-MM-DD" (also "YYYYMMDD"); nullopt on anything else or an impossible day.
  static std::optional<Date> parse(std::string_view text);
  [[nodiscard]] int days_since_epoch() const;  // 1970-01-01 is 0
  static Date from_days_since_epoch(int days);
  [[nodiscard]] int weekday() const;  // 0 = Monday .. 6 = Sunday
  auto operator<=>(const Date&) const = default;
};

// A half-open byte range [start, end) into Document::text.
struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
  auto operator<=>(const Span&) const = default;
};

enum class TokenKind : std::uint8_t { word, number, punct };

// One token. `text` is the surface form with typographic variants folded to ASCII (curly quotes
// to ' and ", en/em dashes to -, non-breaking space never inside a token); `lower` is `text`
// lower-cased. `span` always points into the original bytes.
struct Token {
  Span span;
  std::string text;
  std::string lower;
  TokenKind kind = TokenKind::word;
  bool space_before = false;  // whitespace precedes this token in the original text
};

struct Sentence {
  Span span;
  std::vector<Token> tokens;
};

// One news item. `text` is the body as read (UTF-8, validated); sentences are filled by
// text::split_document.
struct Document {
  std::string id;
  std::optional<Date> date;
  std::string title;
  std::string url;
  std::string source;  // the file it came from ("-" for stdin)
  std::string text;
  std::vector<Sentence> sentences;
};

// What an actor is. Strings in output: state, person, government, ministry, military,
// legislature, judiciary, party, company, igo, group, media, other.
enum class ActorKind : std::uint8_t {
  state, person, government, ministry, military, legislature, judiciary, party, company, igo,
  group, media, other
};
[[nodiscard]] std::string_view to_string(ActorKind kind);
[[nodiscard]] std::optional<ActorKind> actor_kind_from_string(std::string_view text);

// A node of the graph: a state, person or organisation with a canonical id such as
// "state/JPN", "person/fumio-kishida", "org/JPN/liberal-democratic-party", "igo/UNO".
struct Actor {
  std::string id;
  std::string name;
  std::string code;     // CAMEO actor code: JPN, JPNGOV, TWNBUS, IGOUNO
  std::string country;  // ISO alpha-3 of affiliation; empty for IGOs and unknowns
  ActorKind kind = ActorKind::other;
  std::string title;    // "Prime Minister" for people, empty otherwise
  std::vector<std::string> aliases;
};

// Where an actor is named in a document.
struct Mention {
  std::size_t actor = 0;     // index into the document's actor list
  std::size_t sentence = 0;  // index into Document::sentences
  std::size_t first_token = 0;
  std::size_t last_token = 0;  // inclusive
  Span span;                   // bytes in Document::text
};

// How an event names its actors: enough to write the record without the actor table.
struct ActorRef {
  std::string id;
  std::string name;
  std::string code;
  auto operator<=>(const ActorRef&) const = default;
};

// One piece of evidence for an event: where the sentence is that reports it.
struct Provenance {
  std::string doc;
  std::size_t sentence = 0;
  Span span;
  std::string evidence;
  auto operator<=>(const Provenance&) const = default;
};

// A coded interaction: source did `cameo` to target. When several reports of the same event
// are merged by graph/, `provenance` holds every one, first the earliest.
struct Event {
  ActorRef source;
  ActorRef target;
  std::string cameo;  // "051"; always a string, leading zero kept
  std::string root;   // "05"
  int quad = 0;       // QuadClass 1..4
  double goldstein = 0.0;
  std::optional<Date> date;
  double confidence = 1.0;
  bool domestic = false;  // same country key on both sides
  std::vector<Provenance> provenance;
};

// An affiliation edge: a person, ministry or party belongs to a state.
struct Affiliation {
  std::string member;  // actor id
  std::string state;   // actor id of the state, "state/JPN"
};

// A document already coded into a graph, so that giving it again (same id or same text) does
// not code it twice. `text_hash` is 16 lower-case hex digits (FNV-1a 64 of the body), or empty.
struct DocumentKey {
  std::string id;
  std::string text_hash;
  auto operator<=>(const DocumentKey&) const = default;
};

// Everything a graph holds, as plain values: what io/ reads and writes and graph/ builds from.
struct GraphData {
  std::vector<Actor> actors;            // sorted by id
  std::vector<Event> events;            // sorted by date, source, target, cameo
  std::vector<Affiliation> affiliations;
  std::vector<DocumentKey> documents;   // sorted by id; empty for graphs not built from text
};

// The aggregated view of one ordered pair of actors.
struct Dyad {
  std::string source;  // actor id
  std::string target;  // actor id
  std::size_t count = 0;
  double goldstein_sum = 0.0;
  double goldstein_mean = 0.0;
  std::size_t quad_count[4] = {0, 0, 0, 0};  // QuadClass 1..4 at [0..3]
  std::vector<std::pair<std::string, std::size_t>> root_count;  // sorted by root
  std::optional<Date> first;
  std::optional<Date> last;
};

}  // namespace diplograph
