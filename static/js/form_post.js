// OAuth 2.0 Form Post Response Mode: submit the response to the client as soon as the page loads.
// Without JavaScript the page's button does the same.
document.getElementById("form_post").submit();
