#pragma once
// Fixture: an internal header of module beta.
