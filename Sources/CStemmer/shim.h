#ifndef INTERACT_CSTEMMER_SHIM_H
#define INTERACT_CSTEMMER_SHIM_H
#include <libstemmer.h>
#endif
