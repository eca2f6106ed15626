/** Concepts of everyday life, learning, health and publishing. */
import { concept, count, f, money } from "./concept";
import type { ConceptField } from "./concept";

const name = f("string", "nombre|Nombre", "name|Name");
const title = f("string", "titulo|Título", "title|Title");
const email = f("email", "email|Email", "email|Email");
const description = f("text", "descripcion|Descripción", "description|Description", false);
const notes = f("text", "notas|Notas", "notes|Notes", false);
const year = count("anio|Año", "year|Year");
const birthDate = f("date", "fechaNacimiento|Fecha de nacimiento", "birthDate|Birth date", false);
const who = (es: string, en: string, required = true): ConceptField => ({ ...f("string", es, en, required), slot: "who" });
const what = (es: string, en: string, required = false): ConceptField => ({ ...f("string", es, en, required), slot: "what" });

export const PERSONAL_CONCEPTS = [
  concept(
    "event",
    "thing",
    ["evento", "reunión", "actividad", "fiesta"],
    ["event", "meeting", "activity", "party"],
    [
      name,
      f("date", "fecha|Fecha", "date|Date"),
      f("string", "lugar|Lugar", "place|Place", false),
      description,
      count("aforo|Aforo", "capacity|Capacity"),
    ],
  ),
  concept(
    "note",
    "thing",
    ["nota", "apunte"],
    ["note"],
    [title, f("text", "contenido|Contenido", "content|Content"), f("date", "fecha|Fecha", "date|Date", false)],
  ),
  concept(
    "message",
    "event",
    ["mensaje", "comentario", "reseña", "opinión"],
    ["message", "comment", "review"],
    [
      who("autor|Autor", "author|Author"),
      f("text", "contenido|Contenido", "content|Content"),
      f("date", "fecha|Fecha", "date|Date", false),
    ],
    { es: ["coment", "resen", "opin"], en: ["comment", "review"] },
  ),
  concept(
    "post",
    "thing",
    ["publicación", "artículo", "entrada", "noticia"],
    ["post", "article"],
    [
      title,
      f("text", "contenido|Contenido", "content|Content"),
      f("string", "autor|Autor", "author|Author", false),
      f("boolean", "publicado|Publicado", "published|Published", false),
      f("date", "fecha|Fecha", "date|Date", false),
    ],
  ),
  concept(
    "recipe",
    "thing",
    ["receta"],
    ["recipe"],
    [
      name,
      f("text", "ingredientes|Ingredientes", "ingredients|Ingredients"),
      f("text", "instrucciones|Instrucciones", "instructions|Instructions"),
      count("tiempoMinutos|Tiempo (min)", "minutes|Time (min)"),
      count("raciones|Raciones", "servings|Servings"),
    ],
  ),
  concept(
    "dish",
    "thing",
    ["plato"],
    ["dish", "meal"],
    [name, description, money("precio|Precio", "price|Price"), what("categoria|Categoría", "category|Category")],
  ),
  concept(
    "book",
    "thing",
    ["libro"],
    ["book"],
    [title, f("string", "autor|Autor", "author|Author"), { ...f("string", "isbn|ISBN", "isbn|ISBN", false), unique: true }, year],
  ),
  concept(
    "movie",
    "thing",
    ["película", "serie"],
    ["movie", "film"],
    [title, f("string", "director|Director", "director|Director", false), year, f("boolean", "vista|Vista", "watched|Watched", false)],
  ),
  concept(
    "album",
    "thing",
    ["canción", "disco", "álbum"],
    ["song", "album", "record"],
    [title, f("string", "artista|Artista", "artist|Artist"), year, f("string", "genero|Género", "genre|Genre", false)],
  ),
  concept(
    "pet",
    "thing",
    ["mascota", "perro", "gato", "animal"],
    ["pet", "dog", "cat", "animal"],
    [name, f("string", "especie|Especie", "species|Species"), f("string", "raza|Raza", "breed|Breed", false), birthDate, notes],
  ),
  concept(
    "patient",
    "person",
    ["paciente"],
    ["patient"],
    [
      name,
      birthDate,
      f("string", "telefono|Teléfono", "phone|Phone", false),
      { ...email, required: false },
      f("text", "historial|Historial", "history|History", false),
    ],
  ),
  concept(
    "course",
    "thing",
    ["curso", "asignatura", "materia"],
    ["course", "subject"],
    [title, description, count("horas|Horas", "hours|Hours"), money("precio|Precio", "price|Price", false)],
  ),
  concept("student", "person", ["alumno", "estudiante"], ["student", "pupil"], [name, email, what("curso|Curso", "course|Course")]),
  concept(
    "lesson",
    "thing",
    ["clase", "lección"],
    ["class", "lesson"],
    [
      title,
      f("string", "instructor|Instructor", "instructor|Instructor", false),
      f("date", "fecha|Fecha", "date|Date", false),
      f("time", "hora|Hora", "time|Time", false),
      count("plazas|Plazas", "spots|Spots"),
    ],
  ),
  concept(
    "workout",
    "event",
    ["ejercicio", "rutina", "entrenamiento"],
    ["exercise", "workout", "routine"],
    [
      name,
      count("series|Series", "sets|Sets"),
      count("repeticiones|Repeticiones", "reps|Reps"),
      money("pesoKg|Peso (kg)", "weightKg|Weight (kg)", false),
      f("date", "fecha|Fecha", "date|Date", false),
    ],
  ),
  concept(
    "habit",
    "thing",
    ["hábito"],
    ["habit"],
    [
      name,
      f("string", "frecuencia|Frecuencia", "frequency|Frequency", false),
      f("boolean", "completado|Completado", "done|Done", false),
      f("date", "inicio|Inicio", "startDate|Start date", false),
    ],
  ),
  concept(
    "trip",
    "thing",
    ["viaje", "destino"],
    ["trip", "destination", "travel"],
    [
      f("string", "destino|Destino", "destination|Destination"),
      f("date", "fechaSalida|Salida", "departure|Departure"),
      f("date", "fechaRegreso|Regreso", "returnDate|Return", false),
      money("presupuesto|Presupuesto", "budget|Budget", false),
      notes,
    ],
  ),
];
