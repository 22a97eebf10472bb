#include "common/version.h"

namespace rkn {

const char* Version() { return RKN_VERSION; }

}  // namespace rkn
