#ifndef INTERACT_CQRENCODE_SHIM_H
#define INTERACT_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
