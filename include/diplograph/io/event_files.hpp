// Readers of coded-event datasets, so users of GDELT and ICEWS build graphs without any text:
// every row becomes an Event between two Actors of a GraphData, with provenance pointing back
// at the dataset's event id, the file and the line.
//
//   io::EventFileOptions options;                          // format detected from the content
//   auto result = io::read_event_file("20191024143000.export.CSV", options);
//   if (!result) fail(result.error());                     // unreadable file, unknown format
//   for (const Error& e : result->errors) warn(e.to_string());   // broken rows, skipped
//   graph::build(result->graph) ...                        // the good rows, sorted
//
// Formats (docs/FORMATS.md "Imports"), detected from the first line:
//   - GDELT 1.0 event files: headerless, tab-separated, 57 columns (back files) or 58 (daily
//     files, last column SOURCEURL); both layouts may be mixed in one file.
//   - GDELT 2.0 event exports: headerless, tab-separated, 61 columns (SOURCEURL last).
//   - ICEWS coded-event files: a header row naming 20 tab-separated columns.
//
// Actor ids (the same rule for both datasets, so their graphs merge with text-extracted ones):
//   "JPN" -> state/JPN, "IGOUNO" -> igo/UNO (IGOs by their last three letters),
//   any other code -> code/<CODE> ("code/JPNGOV", "code/GOV", "code/MNCUSA"); ICEWS named
//   people and organisations -> person/<slug> and org/<ISO>/<slug>.
// A row whose source or target actor is empty (GDELT's one-sided events) is not a relation:
// by default it is counted in `one_sided` and skipped without an error.
#pragma once

#include <cstddef>
#include "diplograph/expected.hpp"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/model.hpp"

namespace diplograph::io {

enum class EventFileFormat { gdelt1, gdelt2, icews };
[[nodiscard]] std::string_view to_string(EventFileFormat format);  // "gdelt1", "gdelt2", "icews"

// The format of an event file from its first bytes (at least the whole first line, up to 64 KiB
// is plenty), or nullopt if it is none of them. A GDELT file may start with a header row of
// column names (GLOBALEVENTID first); it is recognised and skipped.
[[nodiscard]] std::optional<EventFileFormat> detect_event_file(std::string_view first_bytes);

// What to do with a row whose source or target actor code (GDELT) or name (ICEWS) is empty.
enum class OneSidedRows {
  skip,          // count in EventFileResult::one_sided, load nothing (the default)
  keep_unknown,  // load it with the missing side as the actor "unknown" (kind other)
};

struct EventFileOptions {
  std::optional<EventFileFormat> format;  // nullopt: detect from the content
  OneSidedRows one_sided = OneSidedRows::skip;
  std::size_t max_errors = 1000;  // errors kept; later ones are only counted (error_count)
};

struct EventFileResult {
  EventFileFormat format = EventFileFormat::gdelt2;
  GraphData graph;             // actors sorted by id, events by date, source, target, cameo
  std::vector<Error> errors;   // broken rows, by line; at most max_errors (+1 summary)
  std::size_t rows = 0;        // data rows seen (header and blank lines not counted)
  std::size_t loaded = 0;      // rows that became events
  std::size_t one_sided = 0;   // rows skipped by OneSidedRows::skip
  std::size_t error_count = 0; // broken rows, including those beyond max_errors
};

// Reads a whole file (memory-mapped). Fails only when the file cannot be read or its format is
// not recognised; broken rows are in the result's errors and the rest of the file loads.
[[nodiscard]] expected<EventFileResult, Error> read_event_file(
    const std::string& path, const EventFileOptions& options = {});

// The same on bytes already in memory (stdin, tests); `file` names them in errors and
// provenance.
[[nodiscard]] expected<EventFileResult, Error> read_event_text(
    std::string_view text, std::string_view file, const EventFileOptions& options = {});

// The format-specific readers (no detection).
[[nodiscard]] EventFileResult read_gdelt(std::string_view text, std::string_view file,
                                         const EventFileOptions& options = {});
[[nodiscard]] EventFileResult read_icews(std::string_view text, std::string_view file,
                                         const EventFileOptions& options = {});

// The actor a CAMEO actor code stands for: id, kind and country as described above; `name` is
// used as given, except that states get their ISO 3166 name ("JPN" -> "Japan").
[[nodiscard]] Actor actor_from_cameo_code(std::string_view code, std::string_view name);

}  // namespace diplograph::io
