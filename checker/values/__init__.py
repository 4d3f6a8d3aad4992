"""Values as a reader means them: quantities, dates and names, with offsets into the text they came from."""
