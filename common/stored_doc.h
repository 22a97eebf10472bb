// Reading back the document data rkn-index stores with every article (common/document.cc): a
// flat JSON object of string fields named in schema::data. rkn-search reads it for every hit it
// shows, so the usual layout is read directly, without building a JSON tree.
#pragma once

#include <string>
#include <string_view>

namespace rkn {

// The stored fields of one article; "" when absent or not a string.
struct StoredFields {
  // `path` holds the file's exact bytes: those of schema::data::kPathBytes when the data has
  // them (a name that is not UTF-8), else the kPath field.
  std::string path, record, title, source, published, author, url, category, text;
  std::string path_bytes;  // the kPathBytes field as stored (hex), "" when absent
};

// Reads the schema::data fields of `data`. The result is exactly what parsing `data` with
// nlohmann::json and taking each field that is a string gives: data that is not a JSON object
// (or not valid JSON, or not valid UTF-8) gives all fields empty; for a repeated key the last one
// counts. The common case (an object of plain string values) is read in one pass; anything else
// goes through nlohmann::json. Never fails.
StoredFields ReadStoredFields(std::string_view data);

// The same into `out`, reusing the capacity of its strings (a loop over hits keeps one).
void ReadStoredFields(std::string_view data, StoredFields* out);

}  // namespace rkn
