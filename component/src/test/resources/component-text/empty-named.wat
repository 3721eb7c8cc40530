(component $empty)
