// The JSON Lines record contract of `diplograph extract` (docs/FORMATS.md): one "document"
// record per document, then its "actor" records, then its "event" records, one object a line.
//
//   {"type":"document","id":"news-20082024-013613","date":"2024-08-20","sentences":20}
//   {"type":"actor","doc":"...","id":"state/JPN","name":"Japan","code":"JPN",...}
//   {"type":"event","doc":"...","sentence":2,"source":{...},"target":{...},"cameo":"051",...}
//
// Reading turns event and actor records (from extract or any other tool) back into values for
// graph/.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/model.hpp"

namespace diplograph::io {

// One line each, with a trailing newline. Keys in a fixed order so output is byte-stable.
std::string document_record(const Document& document);
std::string actor_record(const Document& document, const Actor& actor,
                         const std::vector<Mention>& mentions);
std::string event_record(const Event& event);

// The same lines appended to `out`: `diplograph extract` writes a document's records into one
// string this way, with no string (or buffer) per record.
void append_document_record(std::string& out, const Document& document);
void append_actor_record(std::string& out, const Document& document, const Actor& actor,
                         const std::vector<Mention>& mentions);
void append_event_record(std::string& out, const Event& event);

// Parses JSON Lines records; "actor" and "event" records are collected, "document" records
// counted, others ignored. Bad lines become Errors naming `file` and the line; the rest load.
struct Records {
  std::vector<Actor> actors;
  std::vector<Event> events;
  std::size_t documents = 0;
  std::vector<Error> errors;
};
Records parse_records(std::string_view text, std::string_view file);

}  // namespace diplograph::io
