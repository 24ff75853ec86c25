// CCurl: typed wrappers over libcurl's variadic calls, which Swift cannot call.
#ifndef TRUCE_CCURL_H
#define TRUCE_CCURL_H
#include <curl/curl.h>
#endif
